// Sign-out on the desktop: the renderer has deleted its databases and secrets; what remains is what
// Chromium keeps for the session on disk by itself: the HTTP cache (Synapse marks media
// `Cache-Control: public, max-age=86400`, so anything fetched before the no-store change, or by a
// future code path that forgets it, would stay there), cookies, and the storages a page cannot
// always delete while it is open (service workers, Cache Storage, shader cache). Only types come
// from Electron: the session is handed in, so tests pass a fake.
import type { Session } from 'electron';

/** Every storage Electron can clear for a session (ClearStorageDataOptions['storages']). */
const ALL_STORAGES = [
  'cookies',
  'filesystem',
  'indexdb',
  'localstorage',
  'shadercache',
  'serviceworkers',
  'cachestorage',
] as const;

export async function clearSessionData(
  session: Pick<Session, 'clearCache' | 'clearStorageData' | 'clearAuthCache'>,
  log: (message: string) => void,
): Promise<void> {
  // Each step on its own: one that fails must not leave the others undone.
  const steps: [string, () => Promise<void>][] = [
    ['HTTP cache', () => session.clearCache()],
    ['storage', () => session.clearStorageData({ storages: [...ALL_STORAGES] })],
    ['HTTP auth cache', () => session.clearAuthCache()],
  ];
  const failed: string[] = [];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      failed.push(`${name} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (failed.length > 0) {
    log(`sign-out: could not clear ${failed.join(', ')}`);
    throw new Error(`Could not clear ${failed.map((f) => f.split(' (')[0]).join(', ')}`);
  }
  log('sign-out: HTTP cache and session storage cleared');
}
