// Issue 13: sign-out clears what Chromium keeps on disk for the session (HTTP cache, storages).
import { describe, expect, it, vi } from 'vitest';
import { clearSessionData } from '../../../../src/main/session/sessionData.main.ts';

function fakeSession(failing: string[] = []) {
  const calls: string[] = [];
  const step = (name: string) => () => {
    calls.push(name);
    return failing.includes(name) ? Promise.reject(new Error(`${name} broke`)) : Promise.resolve();
  };
  const clearStorageData = vi.fn<(options?: { storages?: string[] }) => Promise<void>>(step('storage'));
  return { calls, clearStorageData, session: { clearCache: step('cache'), clearStorageData, clearAuthCache: step('auth') } };
}

describe('clearSessionData', () => {
  it('clears the HTTP cache, every storage and the auth cache', async () => {
    const fake = fakeSession();
    const log = vi.fn<(m: string) => void>();
    await clearSessionData(fake.session, log);
    expect(fake.calls).toEqual(['cache', 'storage', 'auth']);
    const storages = fake.clearStorageData.mock.calls[0]?.[0]?.storages ?? [];
    expect([...storages].sort()).toEqual(
      ['cachestorage', 'cookies', 'filesystem', 'indexdb', 'localstorage', 'serviceworkers', 'shadercache'].sort(),
    );
    expect(log).toHaveBeenCalledWith('sign-out: HTTP cache and session storage cleared');
  });

  it('goes on after a failing step, then reports it', async () => {
    const fake = fakeSession(['cache']);
    const log = vi.fn<(m: string) => void>();
    await expect(clearSessionData(fake.session, log)).rejects.toThrow('Could not clear HTTP cache');
    expect(fake.calls).toEqual(['cache', 'storage', 'auth']);
  });
});
