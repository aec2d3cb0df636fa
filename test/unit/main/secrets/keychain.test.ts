// The keychain store against a real Secret Service (gnome-keyring in a private D-Bus session, set up
// by test/env/with-keyring.sh, which `npm run test:unit` uses), plus the no-keychain and locked cases
// in child processes with their own buses.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBackendMarker } from '../../../../src/main/secrets/backendMarker.ts';
import { KEYCHAIN_SERVICE, KeyringSecretStore } from '../../../../src/main/secrets/keyringSecretStore.ts';
import { napiEntryFactory } from '../../../../src/main/secrets/napiKeyring.ts';
import { openSecretStore } from '../../../../src/main/secrets/openSecretStore.ts';
import { SecretStoreError } from '../../../../src/main/secrets/secretStore.ts';

const run = promisify(execFile);
const PROBE = path.join(import.meta.dirname, 'fixtures', 'keychainProbe.ts');
const NODE = process.execPath;
const tmp = mkdtempSync(path.join(tmpdir(), 'relais-keychain-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const withSecretService = process.env.RELAIS_SECRET_SERVICE === '1';

describe.skipIf(!withSecretService)('keychain on a real Secret Service', () => {
  const store = new KeyringSecretStore('secret-service', napiEntryFactory('linux'));
  const key = `test-${process.pid}-${Date.now()}`;

  it('stores, reads back and deletes a secret', async () => {
    const value = 'syt_ÄccèssTökén/with+symbols=';
    await store.set(key, value);
    expect(await store.get(key)).toBe(value);
    expect(await store.delete(key)).toBe(true);
    expect(await store.get(key)).toBeNull();
  });

  it('reports a missing entry as null and deleting it as false', async () => {
    expect(await store.get(`${key}-never-set`)).toBeNull();
    expect(await store.delete(`${key}-never-set`)).toBe(false);
  });

  it('keeps secrets under the Relais service name, visible to the OS keychain', async () => {
    await store.set(`${key}-svc`, 'v');
    const other = napiEntryFactory('linux')(KEYCHAIN_SERVICE, `${key}-svc`);
    expect(await other.getPassword()).toBe('v');
    await store.delete(`${key}-svc`);
  });

  it('opens the Secret Service and records it as the backend', async () => {
    const markerFile = path.join(tmp, 'marker-ok.json');
    const opened = await openSecretStore({
      platform: 'linux',
      entry: napiEntryFactory('linux'),
      marker: fileBackendMarker(markerFile),
      log: () => undefined,
    });
    expect(opened.problem).toBeNull();
    expect(opened.store.backend).toBe('secret-service');
    expect(opened.store.persistent).toBe(true);
    expect(JSON.parse(readFileSync(markerFile, 'utf8'))).toMatchObject({ backend: 'secret-service' });
    expect(statSync(markerFile).mode & 0o777).toBe(0o600);
  });

  it('a locked keychain is reported as locked, not as a crash', async () => {
    const markerFile = path.join(tmp, 'marker-locked.json');
    const { stdout } = await run('bash', ['test/env/with-keyring.sh', NODE, PROBE, markerFile, 'lock-first']);
    expect(JSON.parse(stdout)).toEqual({
      backend: 'none',
      persistent: false,
      problem: 'keychain-locked',
      readBack: 'in-memory-only',
    });
  });
});

describe('without any Secret Service', () => {
  const envWithoutBus = (): NodeJS.ProcessEnv => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/relais-test-bus' };
    return env;
  };

  it('does not fall back to the kernel keyring: secrets stay in memory and the user is told', async () => {
    const markerFile = path.join(tmp, 'marker-none.json');
    const { stdout } = await run(NODE, [PROBE, markerFile], { env: envWithoutBus() });
    expect(JSON.parse(stdout)).toEqual({
      backend: 'none',
      persistent: false,
      problem: 'no-keychain',
      readBack: 'in-memory-only',
    });
    // Nothing is recorded, and certainly no secret is written anywhere on disk.
    expect(() => readFileSync(markerFile)).toThrow();
  });

  it('a keychain that held our secrets before and is gone now is reported, not silently replaced', async () => {
    const markerFile = path.join(tmp, 'marker-gone.json');
    writeFileSync(markerFile, JSON.stringify({ backend: 'secret-service' }));
    const { stdout } = await run(NODE, [PROBE, markerFile], { env: envWithoutBus() });
    expect(JSON.parse(stdout)).toMatchObject({ backend: 'none', problem: 'keychain-unavailable' });
    expect(JSON.parse(readFileSync(markerFile, 'utf8'))).toMatchObject({ backend: 'secret-service' });
  });
});

describe('SecretStoreError mapping', () => {
  it('maps a keychain call that never answers to "locked" after the timeout', async () => {
    const { vi } = await import('vitest');
    vi.useFakeTimers();
    try {
      const hanging = new KeyringSecretStore('secret-service', () => ({
        getPassword: () => new Promise<string | null>(() => undefined),
        setPassword: () => Promise.resolve(),
        deleteCredential: () => Promise.resolve(true),
      }));
      const pending = hanging.get('k');
      const assertion = expect(pending).rejects.toMatchObject({ failure: 'locked' });
      await vi.advanceTimersByTimeAsync(10_001);
      await assertion;
    } finally {
      vi.useRealTimers();
    }
  });

  it('never puts the secret value in an error message', async () => {
    const failing = new KeyringSecretStore('secret-service', () => ({
      getPassword: () => Promise.resolve(null),
      setPassword: () => Promise.reject(new Error('Platform failure: DBus error: org.freedesktop.DBus.Error.ServiceUnknown')),
      deleteCredential: () => Promise.resolve(true),
    }));
    const error = await failing.set('k', 'super-secret-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as SecretStoreError).failure).toBe('unavailable');
    expect((error as SecretStoreError).message).not.toContain('super-secret-token');
  });
});
