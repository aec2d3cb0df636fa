import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { installEgressFilter } from '../../../../src/main/net/egress.main.ts';
import { managedSettingsFor } from '../../../../src/main/policy/managedSettings.ts';
import { loadMachinePolicy } from '../../../../src/main/policy/machinePolicy.ts';
import type { PolicyFileSystem } from '../../../../src/main/policy/fileSystem.ts';
import { createEgressFilter } from '../../../../src/shared/policy/egress.ts';
import { SETTING_KEYS, USER_SETTABLE_KEYS } from '../../../../src/shared/policy/settings.ts';

type BeforeRequest = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

function fakeSession() {
  let listener: BeforeRequest | undefined;
  const session = {
    webRequest: {
      onBeforeRequest: (l: BeforeRequest) => {
        listener = l;
      },
    },
  } as unknown as Session;
  const request = (url: string) =>
    new Promise<boolean>((resolve) => {
      if (!listener) throw new Error('no listener installed');
      listener({ url }, ({ cancel }) => resolve(cancel));
    });
  return { session, request };
}

function memoryFs(files: Record<string, string>): PolicyFileSystem {
  return {
    exists: (p) => p in files || Object.keys(files).some((f) => f.startsWith(`${p}/`)),
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return text;
    },
    readdir: (p) =>
      Object.keys(files)
        .filter((f) => f.startsWith(`${p}/`))
        .map((f) => f.slice(p.length + 1))
        .filter((f) => !f.includes('/')),
  };
}

describe('egress filter in the main process', () => {
  it('cancels requests to hosts the policy does not name, and logs only scheme and host', async () => {
    const { session, request } = fakeSession();
    const log = vi.fn<(m: string) => void>();
    installEgressFilter(
      session,
      () => createEgressFilter([{ url: 'https://matrix.example.gouv.fr', purpose: 'homeserver' }]),
      log,
    );
    expect(await request('https://matrix.example.gouv.fr/_matrix/client/versions')).toBe(false);
    expect(await request('https://fonts.googleapis.com/css?family=Inter&token=secret')).toBe(true);
    expect(await request('https://matrix.example.gouv.fr.evil.example/')).toBe(true);
    expect(await request('relais://app/index.html')).toBe(false);
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls.flat().join('\n')).not.toContain('secret');
  });
});

describe('machine policy as the app sees it', () => {
  it('no policy: mode none, nothing locked but administrator-only keys', () => {
    const loaded = loadMachinePolicy({
      platform: 'linux',
      env: {},
      allowDirectoryOverride: false,
      fs: memoryFs({}),
      log: () => undefined,
    });
    const managed = managedSettingsFor(loaded, {}, 'en');
    expect(managed.mode).toBe('none');
    expect(managed.userMessage).toBeNull();
    expect(managed.locks.homeservers).toBeUndefined();
    const adminOnly = SETTING_KEYS.filter((key) => !USER_SETTABLE_KEYS.includes(key));
    expect(Object.keys(managed.locks).sort()).toEqual([...adminOnly].sort());
    expect(Object.values(managed.locks).every((lock) => lock.kind === 'adminOnly' && lock.sources.length === 0)).toBe(true);
  });

  it('a valid policy locks what it sets, with the file as the reason', () => {
    const fs = memoryFs({
      '/etc/relais/policy.json': JSON.stringify({ policyVersion: 1, homeservers: ['https://matrix.example.gouv.fr'] }),
    });
    const loaded = loadMachinePolicy({ platform: 'linux', env: {}, allowDirectoryOverride: false, fs, log: () => undefined });
    const managed = managedSettingsFor(loaded, { homeservers: ['https://elsewhere.example'] }, 'en');
    expect(managed.mode).toBe('managed');
    expect(managed.settings.homeservers).toEqual(['https://matrix.example.gouv.fr']);
    expect(managed.locks.homeservers).toMatchObject({
      kind: 'policy',
      sources: [expect.stringMatching(/^\/etc\/relais\/policy\.json:/)],
    });
    expect(managed.locks.homeservers?.reason).toContain('/etc/relais/policy.json');
  });

  it('a broken policy: safe mode with a plain message in the user language', () => {
    const fs = memoryFs({ '/etc/relais/policy.json': '{ "policyVersion": 1, ' });
    const loaded = loadMachinePolicy({ platform: 'linux', env: {}, allowDirectoryOverride: false, fs, log: () => undefined });
    const fr = managedSettingsFor(loaded, {}, 'fr');
    expect(fr.mode).toBe('safe');
    expect(fr.userMessage).toMatch(/informatique/i);
  });

  it('RELAIS_POLICY_DIR is ignored by packaged builds', () => {
    const fs = memoryFs({ '/tmp/mine/policy.json': '{ broken' });
    const loaded = loadMachinePolicy({
      platform: 'linux',
      env: { RELAIS_POLICY_DIR: '/tmp/mine' },
      allowDirectoryOverride: false,
      fs,
      log: () => undefined,
    });
    expect(loaded.status).toBe('none');
  });
});
