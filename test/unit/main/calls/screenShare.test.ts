import { describe, expect, it, vi } from 'vitest';
import { CHOICE_TTL_MS, createScreenSharePicker, type CapturerSource } from '../../../../src/main/calls/screenShare.ts';

const electron = vi.hoisted(() => {
  const calls: { types: string[]; thumbnailSize: { width: number; height: number } }[] = [];
  const sources = [
    {
      id: 'screen:0:0',
      name: 'Entire screen',
      thumbnail: { toDataURL: () => 'data:image/png;base64,AAAA', isEmpty: () => false },
    },
    { id: 'window:42:0', name: 'Notes', thumbnail: { toDataURL: () => '', isEmpty: () => true } },
  ];
  const desktopCapturer = {
    getSources: (options: (typeof calls)[number]) => {
      calls.push(options);
      return Promise.resolve(sources);
    },
  };
  return { calls, sources, desktopCapturer };
});
vi.mock('electron', () => ({ desktopCapturer: electron.desktopCapturer }));

const { installScreenShare } = await import('../../../../src/main/calls/screenShare.main.ts');

const APP = 'relais://app/index.html';

function source(id: string, name = id): CapturerSource {
  return { id, name, thumbnail: { toDataURL: () => 'data:image/png;base64,AAAA', isEmpty: () => false } };
}

function picker(sources: CapturerSource[], clock = { now: 1_000 }) {
  const log: string[] = [];
  const p = createScreenSharePicker({
    getSources: () => Promise.resolve(sources),
    isAppUrl: (url) => url.startsWith('relais://app/'),
    now: () => clock.now,
    log: (m) => log.push(m),
  });
  return { p, log, clock };
}

describe('screen share picker (main)', () => {
  it('lists screens and windows with previews, and hands over exactly the chosen one, once', async () => {
    const sources = [source('screen:0:0', 'Screen 1'), source('window:7:0', 'Editor')];
    const { p } = picker(sources);
    expect(await p.list()).toEqual([
      { id: 'screen:0:0', name: 'Screen 1', kind: 'screen', thumbnail: 'data:image/png;base64,AAAA' },
      { id: 'window:7:0', name: 'Editor', kind: 'window', thumbnail: 'data:image/png;base64,AAAA' },
    ]);
    expect(p.choose('window:7:0')).toEqual({ chosen: true });
    expect(await p.answer(APP, () => Promise.resolve(sources))).toEqual({ video: sources[1] });
    // The choice is spent: a second getDisplayMedia without picking again is refused.
    expect(await p.answer(APP, () => Promise.resolve(sources))).toEqual({});
  });

  it('refuses ids it did not offer, other origins, stale choices and cancelled picks', async () => {
    const sources = [source('screen:0:0')];
    const { p, clock, log } = picker(sources);
    expect(p.choose('screen:0:0')).toEqual({ chosen: false }); // nothing listed yet
    await p.list();
    expect(p.choose('window:999:0')).toEqual({ chosen: false });
    p.choose('screen:0:0');
    expect(await p.answer('https://evil.example/', () => Promise.resolve(sources))).toEqual({});
    p.choose('screen:0:0');
    clock.now += CHOICE_TTL_MS + 1;
    expect(await p.answer(APP, () => Promise.resolve(sources))).toEqual({});
    p.choose(null);
    expect(await p.answer(APP, () => Promise.resolve(sources))).toEqual({});
    p.choose('screen:0:0');
    expect(await p.answer(APP, () => Promise.resolve([]))).toEqual({});
    expect(log.join('\n')).toMatch(/outside the app/);
  });

  it('drops oversized previews rather than sending megabytes over IPC', async () => {
    const huge = {
      id: 'screen:1:0',
      name: 'x',
      thumbnail: { toDataURL: () => `data:image/png;base64,${'A'.repeat(300_000)}`, isEmpty: () => false },
    };
    const { p } = picker([huge]);
    expect((await p.list())[0]?.thumbnail).toBeNull();
  });

  it('installs the display-media handler on the session (electron mocked)', async () => {
    type Handler = (request: { frame: { url: string } | null }, callback: (streams: unknown) => void) => void;
    let handler: Handler | null = null;
    const session = { setDisplayMediaRequestHandler: (h: Handler) => (handler = h) };
    const installed = installScreenShare(session as unknown as Parameters<typeof installScreenShare>[0], {
      isAppUrl: (url) => url.startsWith('relais://app/'),
      log: () => undefined,
    });
    const listed = await installed.list();
    expect(listed.map((s) => [s.kind, s.thumbnail === null])).toEqual([
      ['screen', false],
      ['window', true],
    ]);
    expect(electron.calls[0]?.types).toEqual(['screen', 'window']);
    installed.choose('screen:0:0');
    const answered = await new Promise((resolve) => handler?.({ frame: { url: APP } }, resolve));
    expect(answered).toEqual({ video: electron.sources[0] });
    const refused = await new Promise((resolve) => handler?.({ frame: null }, resolve));
    expect(refused).toEqual({});
  });
});
