import { describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, type HandlerServices } from '../../../../src/main/ipc/handlers.ts';
import { createIpcRouter } from '../../../../src/main/ipc/router.ts';
import { MemorySecretStore } from '../../../../src/main/secrets/secretStore.ts';
import { fixedSecrets } from '../../../../src/main/secrets/secretsHolder.ts';
import { isAppUrl, parseOrigin } from '../../../../src/main/security/origins.ts';
import { createUserSettingsService } from '../../../../src/main/settings/userSettingsService.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../../src/shared/appScheme.ts';
import { createPreloadApi, unwrapBridge, type Invoke, type RawBridge } from '../../../../src/shared/ipc/bridge.ts';
import { IPC_CHANNELS, type IpcChannel, type IpcMethod } from '../../../../src/shared/ipc/channels.ts';
import { IpcError } from '../../../../src/shared/ipc/errors.ts';
import { unmanagedSettings, type ManagedSettings } from '../../../../src/shared/policy/managedSettings.ts';

const METHODS = Object.keys(IPC_CHANNELS) as IpcMethod[];

async function caught(promise: Promise<unknown>): Promise<IpcError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IpcError);
    if (error instanceof IpcError) return error;
  }
  throw new Error('expected the call to throw an IpcError');
}

describe('createPreloadApi', () => {
  it('exposes exactly one method per IPC channel, and nothing else', () => {
    const api = createPreloadApi(vi.fn<Invoke>(), () => () => undefined);
    expect(Object.keys(api).sort()).toEqual([...METHODS, 'onTeamsLinkOpened', 'onNetworkChanged'].sort());
    for (const method of METHODS) expect(typeof api[method]).toBe('function');
  });

  it('is frozen, so a page cannot swap a method', () => {
    const api = createPreloadApi(vi.fn<Invoke>(), () => () => undefined);
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => {
      (api as unknown as Record<string, unknown>).getSecret = () => 'hijacked';
    }).toThrow(TypeError);
    expect(() => {
      (api as unknown as Record<string, unknown>).extra = () => 'new';
    }).toThrow(TypeError);
  });

  it('each method invokes its own channel with the request, and returns what invoke returns', async () => {
    const invoke = vi.fn<Invoke>((channel, request) => Promise.resolve({ ok: true, value: { channel, request } }));
    const api = createPreloadApi(invoke) as unknown as Record<IpcMethod, (request?: unknown) => Promise<unknown>>;
    for (const method of METHODS) {
      invoke.mockClear();
      const request = { marker: method };
      const reply = await api[method](request);
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(invoke).toHaveBeenCalledWith(IPC_CHANNELS[method], request);
      expect(reply).toEqual({ ok: true, value: { channel: IPC_CHANNELS[method], request } });
    }
  });

  it('passes undefined for a call without a request', async () => {
    const invoke = vi.fn<Invoke>(() => Promise.resolve({ ok: true, value: null }));
    const api = createPreloadApi(invoke);
    await api.getAppInfo();
    expect(invoke).toHaveBeenCalledWith('app:get-info', undefined);
  });
});

describe('unwrapBridge', () => {
  function rawReturning(reply: unknown): RawBridge {
    return createPreloadApi(() => Promise.resolve(reply));
  }

  it('returns the value of an ok envelope', async () => {
    const bridge = unwrapBridge(rawReturning({ ok: true, value: { value: 'tok' } }));
    await expect(bridge.getSecret({ key: 'k' })).resolves.toEqual({ value: 'tok' });
  });

  it('is frozen and has one method per channel', () => {
    const bridge = unwrapBridge(rawReturning({ ok: true, value: null }));
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual([...METHODS, 'onTeamsLinkOpened', 'onNetworkChanged'].sort());
  });

  it('throws an IpcError with the code and message of an error envelope', async () => {
    const bridge = unwrapBridge(rawReturning({ ok: false, error: { code: 'forbidden-sender', message: 'nope' } }));
    const error = await caught(bridge.getSecret({ key: 'k' }));
    expect(error.code).toBe('forbidden-sender');
    expect(error.message).toBe('nope');
    expect(error.name).toBe('IpcError');
  });

  it.each([
    undefined,
    null,
    'ok',
    42,
    [],
    {},
    { ok: 'true', value: 1 },
    { ok: false },
    { ok: false, error: { code: 'made-up', message: 'x' } },
  ])('turns the malformed reply %j into IpcError internal', async (reply) => {
    const bridge = unwrapBridge(rawReturning(reply));
    const error = await caught(bridge.deleteSecret({ key: 'k' }));
    expect(error.code).toBe('internal');
  });

  it('throws unavailable when the raw bridge lacks a method (older preload)', async () => {
    const partial = { ...createPreloadApi(() => Promise.resolve({ ok: true, value: { value: null } })) } as Partial<RawBridge>;
    delete partial.showNotification;
    const bridge = unwrapBridge(partial as RawBridge);
    const error = await caught(bridge.showNotification({ title: 't', body: 'b' }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('showNotification');
    // The other methods still work.
    await expect(bridge.getSecret({ key: 'k' })).resolves.toEqual({ value: null });
  });

  it('throws unavailable when a "method" is not a function', async () => {
    const bogus = { getSecret: 'not a function' } as unknown as RawBridge;
    const error = await caught(unwrapBridge(bogus).getSecret({ key: 'k' }));
    expect(error.code).toBe('unavailable');
  });

  it('propagates a rejected invoke (e.g. ipcRenderer failure) as a rejection', async () => {
    const bridge = unwrapBridge(createPreloadApi(() => Promise.reject(new Error('channel closed'))));
    await expect(bridge.getKeychainStatus()).rejects.toThrow('channel closed');
  });
});

describe('bridge round trip through the real router and handlers', () => {
  function setup(
    options: {
      senderUrl?: string | undefined;
      locale?: { locale: string; preferred: string[] };
      secrets?: MemorySecretStore;
      managed?: ManagedSettings;
    } = {},
  ) {
    const secrets = options.secrets ?? new MemorySecretStore();
    const openExternal = vi.fn<(url: string) => Promise<void>>(() => Promise.resolve());
    const notify = vi.fn<HandlerServices['notify']>(() => true);
    const log = vi.fn<(message: string) => void>();
    const services: HandlerServices = {
      appName: 'Relais',
      appVersion: '0.1.0',
      platform: 'linux',
      locale: () => options.locale ?? { locale: 'en-US', preferred: ['en-US'] },
      openExternal,
      secrets: fixedSecrets(secrets, 'no-keychain'),
      notify,
      managedSettings: () => options.managed ?? unmanagedSettings(),
      joinTeamsMeeting: () => Promise.resolve({ opened: true as const }),
      userSettings: createUserSettingsService({
        policy: { status: 'none', searched: [], sources: [], notices: [] },
        load: () => ({ version: 1 }),
        save: () => undefined,
        log,
      }),
      screenShare: { list: () => Promise.resolve([]), choose: () => ({ chosen: false }) },
      clearSessionData: () => Promise.resolve(),
      writeLogs: (records) => ({ accepted: records.length, dropped: 0 }),
      exportDiagnostics: () => Promise.resolve({ saved: false }),
      setUnreadBadge: () => true,
    };
    const appOrigins = [parseOrigin(APP_ORIGIN)];
    const dispatch = createIpcRouter({
      handlers: createIpcHandlers(services),
      isTrustedSender: (url) => isAppUrl(url, appOrigins),
      timeoutMs: 1_000,
      log,
    });
    const senderUrl = 'senderUrl' in options ? options.senderUrl : APP_ENTRY_URL;
    const invoke = (channel: IpcChannel, request: unknown) => dispatch(channel, senderUrl, request);
    return { bridge: unwrapBridge(createPreloadApi(invoke)), secrets, openExternal, notify, log };
  }

  it('sets, gets and deletes a secret', async () => {
    const { bridge, secrets, log } = setup();
    await expect(bridge.getSecret({ key: 'matrix:access_token' })).resolves.toEqual({ value: null });
    await expect(bridge.setSecret({ key: 'matrix:access_token', value: 'syt_secret_token' })).resolves.toEqual({
      stored: 'memory',
    });
    await expect(secrets.get('matrix:access_token')).resolves.toBe('syt_secret_token');
    await expect(bridge.getSecret({ key: 'matrix:access_token' })).resolves.toEqual({ value: 'syt_secret_token' });
    await expect(bridge.deleteSecret({ key: 'matrix:access_token' })).resolves.toEqual({ deleted: true });
    await expect(bridge.deleteSecret({ key: 'matrix:access_token' })).resolves.toEqual({ deleted: false });
    await expect(bridge.getSecret({ key: 'matrix:access_token' })).resolves.toEqual({ value: null });
    for (const [line] of log.mock.calls) expect(line).not.toContain('syt_secret_token');
  });

  it('refuses a bad secret key with IpcError invalid-arguments and stores nothing', async () => {
    const { bridge, secrets } = setup();
    const error = await caught(bridge.setSecret({ key: '../x', value: 'v' }));
    expect(error.code).toBe('invalid-arguments');
    await expect(secrets.get('../x')).resolves.toBeNull();
  });

  it('reports the keychain status of the memory store', async () => {
    const { bridge } = setup();
    await expect(bridge.getKeychainStatus()).resolves.toEqual({ backend: 'none', persistent: false, problem: 'no-keychain' });
  });

  it.each([
    [{ locale: 'fr-FR', preferred: ['fr-FR', 'en-US'] }, 'fr'],
    [{ locale: 'fr_CA', preferred: [] }, 'fr'],
    [{ locale: 'de-DE', preferred: ['de-DE', 'fr-BE'] }, 'fr'],
    [{ locale: 'en-GB', preferred: ['fr-FR'] }, 'en'],
    [{ locale: 'de-DE', preferred: ['it-IT'] }, 'en'],
    [{ locale: '', preferred: [] }, 'en'],
  ])('getAppInfo picks the language for %j → %s', async (locale, expected) => {
    const { bridge } = setup({ locale });
    const info = await bridge.getAppInfo();
    expect(info.locale).toBe(expected);
    expect(info.preferredLanguages).toEqual(locale.preferred);
    expect(info).toMatchObject({ name: 'Relais', version: '0.1.0', platform: 'linux' });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'file:///etc/passwd',
    'data:text/html,hi',
    'relais://app/index.html',
    'https://user:pw@evil.example/',
    'not a url',
  ])('openExternal refuses %j without calling the OS', async (url) => {
    const { bridge, openExternal } = setup();
    await expect(bridge.openExternal({ url })).resolves.toEqual({ opened: false });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('openExternal opens https and mailto links through the OS, normalised', async () => {
    const { bridge, openExternal } = setup();
    await expect(bridge.openExternal({ url: 'HTTPS://Example.ORG/a b' })).resolves.toEqual({ opened: true });
    await expect(bridge.openExternal({ url: 'mailto:someone@example.org' })).resolves.toEqual({ opened: true });
    expect(openExternal.mock.calls).toEqual([['https://example.org/a%20b'], ['mailto:someone@example.org']]);
  });

  it('showNotification reaches the notify service', async () => {
    const { bridge, notify } = setup();
    await expect(bridge.showNotification({ title: 'New message', body: 'Hello', tag: 'room1' })).resolves.toEqual({
      shown: true,
    });
    expect(notify).toHaveBeenCalledWith({ title: 'New message', body: 'Hello', tag: 'room1' });
  });

  it('a page outside the app gets IpcError forbidden-sender and cannot read secrets', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set('token', 'secret');
    for (const senderUrl of ['https://evil.example/', undefined, 'file:///tmp/x.html']) {
      const { bridge } = setup({ senderUrl, secrets });
      const error = await caught(bridge.getSecret({ key: 'token' }));
      expect(error.code).toBe('forbidden-sender');
      expect(error.message).not.toContain('secret');
      const deleted = await caught(bridge.deleteSecret({ key: 'token' }));
      expect(deleted.code).toBe('forbidden-sender');
    }
    await expect(secrets.get('token')).resolves.toBe('secret');
  });
});
