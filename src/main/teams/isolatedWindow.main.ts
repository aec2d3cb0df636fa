// A Teams meeting in a window of its own: a fresh in-memory session partition (no cookies or storage
// shared with Relais or with earlier meetings), no preload and so no bridge, navigation kept on Teams
// and Microsoft sign-in hosts, requests only to Microsoft's Teams domains (its own egress filter),
// and only camera, microphone and screen capture granted, to Teams only.
//
// The app's own navigation guards must not apply to this window: they send every non-app page to
// the system browser, which turned "isolated" into "browser" (issue 13). main.ts asks
// isIsolatedTeamsContents() and leaves these contents to the rules attached here.
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session as electronSession, type Session, type WebContents } from 'electron';
import { isTeamsNavigationHost, teamsEgressDecision } from './teamsRules.ts';

export { isTeamsNavigationHost } from './teamsRules.ts';

const MEDIA_PERMISSIONS = new Set(['media', 'display-capture']);
/** Sessions of isolated Teams windows; weak, so a closed window's session is not kept alive. */
const isolatedSessions = new WeakSet<object>();

export function isIsolatedTeamsContents(contents: Pick<WebContents, 'session'>): boolean {
  return isolatedSessions.has(contents.session);
}

export function isolatedPartitionName(): string {
  // No "persist:" prefix: the partition lives in memory and vanishes with the window.
  return `teams-isolated-${randomUUID()}`;
}

type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;

export function installTeamsSessionGuards(ses: GuardedSession, log: (message: string) => void): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(MEDIA_PERMISSIONS.has(permission) && isTeamsNavigationHost(details.requestingUrl));
  });
  ses.setPermissionCheckHandler(
    (_wc, permission, _origin, details) =>
      MEDIA_PERMISSIONS.has(permission) && isTeamsNavigationHost(details.requestingUrl ?? ''),
  );
  ses.webRequest.onBeforeRequest((details, callback) => {
    const decision = teamsEgressDecision(details.url);
    if (!decision.allowed) log(`teams egress: ${decision.reason}`);
    callback({ cancel: !decision.allowed });
  });
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function attachTeamsNavigationGuards(contents: GuardedContents, log: (message: string) => void): void {
  const keepOnTeams = (event: { preventDefault(): void }, target: string) => {
    if (isTeamsNavigationHost(target)) return;
    event.preventDefault();
    log('teams: isolated window refused to leave Teams');
  };
  contents.on('will-navigate', (event, url) => keepOnTeams(event, url));
  contents.on('will-redirect', (event, url) => keepOnTeams(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function openIsolatedTeamsWindow(url: string, log: (message: string) => void): BrowserWindow {
  const partition = isolatedPartitionName();
  const ses = electronSession.fromPartition(partition, { cache: false });
  // Registered before the window exists: web-contents-created fires inside its constructor.
  isolatedSessions.add(ses);
  installTeamsSessionGuards(ses, log);
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Microsoft Teams',
    webPreferences: {
      partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  attachTeamsNavigationGuards(window.webContents, log);
  window.loadURL(url).catch(() => log('teams: the meeting page did not load'));
  return window;
}
