import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcError } from '../../../../src/shared/ipc/errors.ts';
import { createRepeatFilter } from '../../../../src/main/teams/repeatFilter.ts';
import type { TeamsBridgePolicy } from '../../../../src/shared/teams/routing.ts';
import { teamsLinksIn } from '../../../../src/main/teams/osLinks.ts';
import { joinTeamsMeeting, type TeamsJoinDeps } from '../../../../src/main/teams/teamsJoin.ts';
import { guardNewWebContents } from '../../../../src/main/security/newContents.main.ts';
import { parseOrigin } from '../../../../src/main/security/origins.ts';
import { APP_ORIGIN } from '../../../../src/shared/appScheme.ts';

const electron = vi.hoisted(() => {
  const windows: {
    options: Record<string, unknown>;
    handlers: Record<string, (...args: unknown[]) => void>;
    url: string | null;
  }[] = [];
  const sessions: {
    partition: string;
    object?: object;
    request?: (...args: unknown[]) => void;
    check?: (...args: unknown[]) => boolean;
    beforeRequest?: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
  }[] = [];
  class BrowserWindow {
    readonly record: (typeof windows)[number];
    readonly webContents: {
      on: (event: string, handler: (...args: unknown[]) => void) => void;
      setWindowOpenHandler: (h: () => unknown) => void;
    };
    constructor(options: Record<string, unknown>) {
      const record = { options, handlers: {} as Record<string, (...args: unknown[]) => void>, url: null as string | null };
      windows.push(record);
      this.record = record;
      this.webContents = {
        on: (event, handler) => {
          record.handlers[event] = handler;
        },
        setWindowOpenHandler: (h) => {
          record.handlers['window-open'] = h;
        },
      };
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  const session = {
    fromPartition: (partition: string) => {
      const entry: (typeof sessions)[number] = { partition };
      sessions.push(entry);
      const object = {
        setPermissionRequestHandler: (h: (...args: unknown[]) => void) => (entry.request = h),
        setPermissionCheckHandler: (h: (...args: unknown[]) => boolean) => (entry.check = h),
        webRequest: {
          onBeforeRequest: (h: NonNullable<(typeof entry)['beforeRequest']>) => (entry.beforeRequest = h),
        },
      };
      entry.object = object;
      return object;
    },
  };
  return { windows, sessions, BrowserWindow, session };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, session: electron.session }));

const { attachTeamsNavigationGuards, isIsolatedTeamsContents, isTeamsNavigationHost, openIsolatedTeamsWindow } =
  await import('../../../../src/main/teams/isolatedWindow.main.ts');

/** A web contents with every listener kept (the real guards add several per event). */
class FakeContents {
  readonly session: object;
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  constructor(options: { session: object }) {
    this.session = options.session;
  }
  on(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(): void {
    // Not exercised here.
  }
  /** True when some listener cancelled the navigation. */
  navigate(url: string): boolean {
    let prevented = false;
    const event = { url, preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get('will-navigate') ?? []) listener(event, url);
    return prevented;
  }
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const THREAD = '19:meeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj@thread.v2';
const LINK = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: TENANT }))}`;

function deps(policy: Partial<TeamsBridgePolicy>) {
  const opened: string[] = [];
  const isolated: string[] = [];
  const d: TeamsJoinDeps = {
    bridgePolicy: () => ({ enabled: true, sunset: null, tenantsAllowlist: [], modes: {}, ...policy }),
    now: () => new Date('2027-01-01T00:00:00Z'),
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
    openIsolatedWindow: (url) => isolated.push(url),
    log: () => undefined,
  };
  return { d, opened, isolated };
}

describe('joinTeamsMeeting (main decides again)', () => {
  it('does what the policy allows', async () => {
    const { d, opened } = deps({ modes: { '*': { mode: 'browser' } } });
    await expect(joinTeamsMeeting(LINK, 'browser', d)).resolves.toEqual({ opened: true });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toContain('https://teams.microsoft.com/l/meetup-join/');
  });

  it('refuses an action the policy does not allow, whatever the renderer asks', async () => {
    const { d, opened, isolated } = deps({ modes: { '*': { mode: 'browser' } } });
    const error = await joinTeamsMeeting(LINK, 'isolated', d).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect((error as IpcError).code).toBe('not-allowed');
    expect(opened).toEqual([]);
    expect(isolated).toEqual([]);
  });

  it('refuses look-alike hosts and non-Teams links', async () => {
    const { d } = deps({ modes: { '*': { mode: 'browser' } } });
    await expect(
      joinTeamsMeeting(LINK.replace('teams.microsoft.com', 'teams.microsoft.com.evil.example'), 'browser', d),
    ).rejects.toMatchObject({ code: 'not-allowed' });
    await expect(joinTeamsMeeting('javascript:alert(1)', 'browser', d)).rejects.toMatchObject({ code: 'not-allowed' });
  });

  it('opens a SIP gateway when only a SIP template is set, and refuses after the sunset', async () => {
    const sip = deps({ modes: { '*': { mode: 'gateway', sipUriTemplate: 'sip:{threadId}@gw.example.gouv.fr' } } });
    await joinTeamsMeeting(LINK, 'gateway', sip.d);
    expect(sip.opened).toEqual([`sip:${encodeURIComponent(THREAD)}@gw.example.gouv.fr`]);
    const retired = deps({ sunset: '2026-12-31', modes: { '*': { mode: 'browser' } } });
    await expect(joinTeamsMeeting(LINK, 'browser', retired.d)).rejects.toMatchObject({ code: 'not-allowed' });
  });
});

describe('isolated Teams window', () => {
  beforeEach(() => {
    electron.windows.length = 0;
    electron.sessions.length = 0;
  });

  it('uses a fresh in-memory partition per window, no preload, sandboxed', () => {
    openIsolatedTeamsWindow(LINK, () => undefined);
    openIsolatedTeamsWindow(LINK, () => undefined);
    const [a, b] = electron.windows;
    const prefsA = a?.options.webPreferences as Record<string, unknown>;
    const prefsB = b?.options.webPreferences as Record<string, unknown>;
    expect(prefsA.partition).toMatch(/^teams-isolated-/);
    expect(prefsA.partition).not.toMatch(/^persist:/);
    expect(prefsA.partition).not.toBe(prefsB.partition);
    expect(prefsA.preload).toBeUndefined();
    expect(prefsA).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(a?.url).toBe(LINK);
  });

  it('keeps navigation on Teams and Microsoft sign-in hosts and denies new windows', () => {
    openIsolatedTeamsWindow(LINK, () => undefined);
    const w = electron.windows[0];
    const navigate = w?.handlers['will-navigate'];
    const prevented = vi.fn();
    navigate?.({ preventDefault: prevented }, 'https://login.microsoftonline.com/common/oauth2');
    expect(prevented).not.toHaveBeenCalled();
    navigate?.({ preventDefault: prevented }, 'https://evil.example/phish');
    expect(prevented).toHaveBeenCalledTimes(1);
    expect(w?.handlers['window-open']?.()).toEqual({ action: 'deny' });
  });

  it('grants only camera, microphone and screen capture, only to Teams', () => {
    openIsolatedTeamsWindow(LINK, () => undefined);
    const s = electron.sessions[0];
    const decide = (permission: string, url: string) =>
      new Promise<boolean>((resolve) => s?.request?.({}, permission, resolve, { requestingUrl: url }));
    return Promise.all([
      expect(decide('media', 'https://teams.microsoft.com/')).resolves.toBe(true),
      expect(decide('display-capture', 'https://teams.microsoft.com/')).resolves.toBe(true),
      expect(decide('notifications', 'https://teams.microsoft.com/')).resolves.toBe(false),
      expect(decide('media', 'https://evil.example/')).resolves.toBe(false),
    ]);
  });

  it('has its own egress filter: Microsoft Teams domains over https/wss only', () => {
    openIsolatedTeamsWindow(LINK, () => undefined);
    const s = electron.sessions[0];
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      s?.beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled('https://teams.microsoft.com/v2/')).toBe(false);
    expect(cancelled('https://statics.teams.cdn.office.net/app.js')).toBe(false);
    expect(cancelled('wss://go.trouter.teams.microsoft.com/v4/c')).toBe(false);
    expect(cancelled('https://aadcdn.msftauth.net/shared/x.js')).toBe(false);
    expect(cancelled('https://matrix.example.gouv.fr/_matrix/client/versions')).toBe(true);
    expect(cancelled('https://teams.microsoft.com.evil.example/')).toBe(true);
    expect(cancelled('https://evilmicrosoft.com/')).toBe(true);
    expect(cancelled('http://teams.microsoft.com/')).toBe(true);
  });

  it('is told apart from the app window by its session (the app guards must not apply to it)', () => {
    const window = openIsolatedTeamsWindow(LINK, () => undefined);
    expect(window).toBeDefined();
    const teamsSession = electron.sessions[0]?.object ?? {};
    expect(isIsolatedTeamsContents({ session: teamsSession } as never)).toBe(true);
    expect(isIsolatedTeamsContents({ session: {} } as never)).toBe(false);
  });

  it('through the real guard code: Teams and sign-in navigation stays in the window, nothing goes to the browser', () => {
    const window = openIsolatedTeamsWindow(LINK, () => undefined);
    const contents = new FakeContents({ session: electron.sessions[0]?.object ?? {} });
    const openExternal = vi.fn(() => Promise.resolve());
    // What main.ts does on web-contents-created, then what the isolated window attaches.
    const kind = guardNewWebContents(contents as never, {
      appOrigins: [parseOrigin(APP_ORIGIN)],
      openExternal,
      log: () => undefined,
      isIsolatedTeams: isIsolatedTeamsContents,
    });
    attachTeamsNavigationGuards(contents as never, () => undefined);
    expect(window).toBeDefined();
    expect(kind).toBe('isolated-teams');
    for (const url of [LINK, 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?x=1', 'https://login.live.com/']) {
      expect(contents.navigate(url), url).toBe(false);
    }
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    // The app window, by contrast, keeps its own rule: Teams pages go to the browser.
    const appContents = new FakeContents({ session: {} });
    guardNewWebContents(appContents as never, {
      appOrigins: [parseOrigin(APP_ORIGIN)],
      openExternal,
      log: () => undefined,
      isIsolatedTeams: isIsolatedTeamsContents,
    });
    expect(appContents.navigate(LINK)).toBe(true);
    expect(openExternal).toHaveBeenCalledWith(LINK);
  });

  it('recognises Teams hosts exactly', () => {
    expect(isTeamsNavigationHost('https://teams.microsoft.com/x')).toBe(true);
    expect(isTeamsNavigationHost('https://teams.microsoft.com.evil.example/x')).toBe(false);
    expect(isTeamsNavigationHost('http://teams.microsoft.com/x')).toBe(false);
    expect(isTeamsNavigationHost('https://user@teams.microsoft.com/x')).toBe(false);
  });
});

describe('links from the OS', () => {
  it('picks valid msteams: links out of a command line', () => {
    const link = `msteams:/l/meetup-join/${encodeURIComponent(THREAD)}/0`;
    expect(teamsLinksIn(['/usr/bin/relais', '--flag', link, 'msteams:garbage', 'https://example.org'])).toEqual([link]);
  });

  it('acts on the same link once within the window', () => {
    let t = 0;
    const first = createRepeatFilter(5_000, () => t);
    expect(first('a')).toBe(true);
    t = 4_999;
    expect(first('a')).toBe(false);
    expect(first('b')).toBe(true);
    t = 10_000;
    expect(first('a')).toBe(true);
  });
});
