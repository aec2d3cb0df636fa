import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIpcRouter, type Dispatch, type IpcHandlers } from '../../../../src/main/ipc/router.ts';
import { isAppUrl, parseOrigin } from '../../../../src/main/security/origins.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../../src/shared/appScheme.ts';
import { IPC_CHANNELS } from '../../../../src/shared/ipc/channels.ts';
import { IpcError, type IpcEnvelope, type IpcErrorCode } from '../../../../src/shared/ipc/errors.ts';
import { unmanagedSettings } from '../../../../src/shared/policy/managedSettings.ts';

const TRUSTED = APP_ENTRY_URL;
const appOrigins = [parseOrigin(APP_ORIGIN)];
const SECRET = 'S3cr3t-VALUE-do-not-log-7f1c';

const USER_SETTINGS_VIEW = {
  language: null,
  theme: null,
  notifications: { enabled: true, sound: true },
  spellcheck: { enabled: true },
  chat: { urlPreviews: 'unencrypted' as const, developerMode: false },
  homeserver: null,
  locked: {},
};

function makeHandlers(overrides: Partial<IpcHandlers> = {}) {
  const handlers = {
    getAppInfo: vi.fn<IpcHandlers['getAppInfo']>(() => ({
      name: 'Relais',
      version: '0.1.0',
      platform: 'linux' as const,
      locale: 'en',
      preferredLanguages: ['en-US'],
    })),
    openExternal: vi.fn<IpcHandlers['openExternal']>(() => ({ opened: true })),
    getSecret: vi.fn<IpcHandlers['getSecret']>(() => ({ value: 'stored' })),
    setSecret: vi.fn<IpcHandlers['setSecret']>(() => ({ stored: 'memory' as const })),
    deleteSecret: vi.fn<IpcHandlers['deleteSecret']>(() => ({ deleted: true })),
    getKeychainStatus: vi.fn<IpcHandlers['getKeychainStatus']>(() => ({
      backend: 'none' as const,
      persistent: false,
      problem: null,
    })),
    retryKeychain: vi.fn<IpcHandlers['retryKeychain']>(() => ({
      backend: 'none' as const,
      persistent: false,
      problem: 'no-keychain' as const,
    })),
    getManagedSettings: vi.fn<IpcHandlers['getManagedSettings']>(() => unmanagedSettings()),
    showNotification: vi.fn<IpcHandlers['showNotification']>(() => ({ shown: true })),
    joinTeamsMeeting: vi.fn<IpcHandlers['joinTeamsMeeting']>(() => ({ opened: true as const })),
    // User settings (policy branch).
    getUserSettings: vi.fn<IpcHandlers['getUserSettings']>(() => USER_SETTINGS_VIEW),
    setUserSettings: vi.fn<IpcHandlers['setUserSettings']>(() => USER_SETTINGS_VIEW),
    listScreenSources: vi.fn<IpcHandlers['listScreenSources']>(() => ({ sources: [] })),
    chooseScreenSource: vi.fn<IpcHandlers['chooseScreenSource']>(() => ({ chosen: false })),
    clearSessionData: vi.fn<IpcHandlers['clearSessionData']>(() => ({ cleared: true as const })),
    writeLogs: vi.fn<IpcHandlers['writeLogs']>(() => ({ accepted: 1, dropped: 0 })),
    exportDiagnostics: vi.fn<IpcHandlers['exportDiagnostics']>(() => ({ saved: true })),
    setUnreadBadge: vi.fn<IpcHandlers['setUnreadBadge']>(() => ({ applied: true })),
  };
  return Object.assign(handlers, overrides);
}

function setup(options: { handlers?: Partial<IpcHandlers>; timeoutMs?: number } = {}) {
  const handlers = makeHandlers(options.handlers);
  const log = vi.fn<(message: string) => void>();
  const isTrustedSender = vi.fn((url: string | undefined) => isAppUrl(url, appOrigins));
  const dispatch: Dispatch = createIpcRouter({ handlers, isTrustedSender, timeoutMs: options.timeoutMs ?? 1_000, log });
  return { handlers, log, isTrustedSender, dispatch };
}

function expectError(envelope: IpcEnvelope<unknown>, code: IpcErrorCode): string {
  expect(envelope.ok).toBe(false);
  if (envelope.ok) throw new Error('expected an error envelope');
  expect(envelope.error.code).toBe(code);
  expect(typeof envelope.error.message).toBe('string');
  return envelope.error.message;
}

function logLines(log: ReturnType<typeof vi.fn<(message: string) => void>>): string[] {
  return log.mock.calls.map(([line]) => line);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createIpcRouter: channels', () => {
  it.each(['nope', '', 'app:get-info ', 'APP:GET-INFO', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'getAppInfo'])(
    'refuses unknown channel %j',
    async (channel) => {
      const { dispatch, handlers, isTrustedSender } = setup();
      const envelope = await dispatch(channel, TRUSTED, undefined);
      expectError(envelope, 'unknown-channel');
      for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
      // The channel is checked before anything else.
      expect(isTrustedSender).not.toHaveBeenCalled();
    },
  );

  it('routes each known channel to its own handler', async () => {
    const { dispatch, handlers } = setup();
    const requests: Record<keyof typeof IPC_CHANNELS, unknown> = {
      getAppInfo: undefined,
      openExternal: { url: 'https://example.org/' },
      getSecret: { key: 'token' },
      setSecret: { key: 'token', value: 'v' },
      deleteSecret: { key: 'token' },
      getKeychainStatus: undefined,
      retryKeychain: undefined,
      getManagedSettings: undefined,
      joinTeamsMeeting: { link: 'https://teams.microsoft.com/meet/123456789012?p=abc', action: 'browser' },
      showNotification: { title: 't', body: 'b' },
      getUserSettings: undefined,
      setUserSettings: { notifications: { enabled: false } },
      listScreenSources: undefined,
      chooseScreenSource: { id: 'screen:0:0' },
      clearSessionData: undefined,
      writeLogs: { records: [{ time: '2030-01-01T00:00:00.000Z', level: 'info', scope: 'sync', message: 'm' }] },
      exportDiagnostics: { dialogTitle: 'Export diagnostics' },
      setUnreadBadge: { count: 3, description: '3 rooms with unread messages' },
    };
    for (const method of Object.keys(IPC_CHANNELS) as (keyof typeof IPC_CHANNELS)[]) {
      const envelope = await dispatch(IPC_CHANNELS[method], TRUSTED, requests[method]);
      expect(envelope.ok, method).toBe(true);
      expect(handlers[method], method).toHaveBeenCalledTimes(1);
    }
  });
});

describe('createIpcRouter: sender checks', () => {
  it.each([
    ['undefined sender', undefined],
    ['empty string', ''],
    ['other https origin', 'https://evil.example/index.html'],
    ['https with the app host', 'https://app/index.html'],
    ['file URL', 'file:///opt/relais/resources/app/index.html'],
    ['other host on the app scheme', 'relais://evil/index.html'],
    ['credentials trick', 'relais://app@evil/index.html'],
    ['credentials on the app host', 'relais://user:pw@app/index.html'],
    ['app host with a port', 'relais://app:8080/index.html'],
    ['garbage', 'not a url'],
    ['about:blank', 'about:blank'],
    ['data URL', 'data:text/html,<script>alert(1)</script>'],
  ])('refuses %s with forbidden-sender and never runs the handler', async (_label, sender) => {
    const { dispatch, handlers, log } = setup();
    const envelope = await dispatch(IPC_CHANNELS.setSecret, sender, { key: 'token', value: SECRET });
    expectError(envelope, 'forbidden-sender');
    expect(handlers.setSecret).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
    for (const line of logLines(log)) expect(line).not.toContain(SECRET);
  });

  it('checks the sender before the arguments (an untrusted page learns nothing about the schema)', async () => {
    const { dispatch } = setup();
    const envelope = await dispatch(IPC_CHANNELS.getSecret, 'https://evil.example/', { key: '../x' });
    expectError(envelope, 'forbidden-sender');
  });

  it('logs only scheme and host of a refused sender, never its path or query', async () => {
    const { dispatch, log } = setup();
    await dispatch(IPC_CHANNELS.getAppInfo, 'https://evil.example/some/path?access_token=abcdef#frag', undefined);
    const lines = logLines(log);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('https://evil.example');
    expect(lines[0]).not.toContain('access_token');
    expect(lines[0]).not.toContain('abcdef');
    expect(lines[0]).not.toContain('/some/path');
  });

  it('passes the trusted sender URL to the handler as context', async () => {
    const { dispatch, handlers } = setup();
    await dispatch(IPC_CHANNELS.getSecret, TRUSTED, { key: 'token' });
    expect(handlers.getSecret).toHaveBeenCalledWith({ key: 'token' }, { senderUrl: TRUSTED });
  });
});

describe('createIpcRouter: argument validation', () => {
  const cases: [string, string, unknown][] = [
    ['getSecret: no request', IPC_CHANNELS.getSecret, undefined],
    ['getSecret: null', IPC_CHANNELS.getSecret, null],
    ['getSecret: a string', IPC_CHANNELS.getSecret, 'token'],
    ['getSecret: an array', IPC_CHANNELS.getSecret, ['token']],
    ['getSecret: missing key', IPC_CHANNELS.getSecret, {}],
    ['getSecret: numeric key', IPC_CHANNELS.getSecret, { key: 5 }],
    ['getSecret: empty key', IPC_CHANNELS.getSecret, { key: '' }],
    ['getSecret: path traversal key', IPC_CHANNELS.getSecret, { key: '../x' }],
    ['getSecret: key with a slash', IPC_CHANNELS.getSecret, { key: 'a/b' }],
    ['getSecret: key with a space', IPC_CHANNELS.getSecret, { key: 'a b' }],
    ['getSecret: key starting with a dot', IPC_CHANNELS.getSecret, { key: '.hidden' }],
    ['getSecret: key with NUL', IPC_CHANNELS.getSecret, { key: 'a\u0000b' }],
    ['getSecret: key with a newline', IPC_CHANNELS.getSecret, { key: 'a\nb' }],
    ['getSecret: non-ASCII key', IPC_CHANNELS.getSecret, { key: 'clé' }],
    ['getSecret: 129-char key', IPC_CHANNELS.getSecret, { key: 'k'.repeat(129) }],
    ['deleteSecret: traversal key', IPC_CHANNELS.deleteSecret, { key: '..' }],
    ['setSecret: missing value', IPC_CHANNELS.setSecret, { key: 'token' }],
    ['setSecret: numeric value', IPC_CHANNELS.setSecret, { key: 'token', value: 42 }],
    ['setSecret: object value', IPC_CHANNELS.setSecret, { key: 'token', value: { toString: 'x' } }],
    ['setSecret: oversized value', IPC_CHANNELS.setSecret, { key: 'token', value: SECRET + 'x'.repeat(16_385) }],
    ['setSecret: bad key, secret value', IPC_CHANNELS.setSecret, { key: 'a b', value: SECRET }],
    ['openExternal: no url', IPC_CHANNELS.openExternal, {}],
    ['openExternal: url not a string', IPC_CHANNELS.openExternal, { url: ['https://x.example'] }],
    ['openExternal: oversized url', IPC_CHANNELS.openExternal, { url: `https://x.example/${'a'.repeat(8192)}` }],
    ['showNotification: empty title', IPC_CHANNELS.showNotification, { title: '', body: 'b' }],
    ['showNotification: long title', IPC_CHANNELS.showNotification, { title: 't'.repeat(257), body: 'b' }],
    ['showNotification: long body', IPC_CHANNELS.showNotification, { title: 't', body: 'b'.repeat(1025) }],
    ['showNotification: tag not a string', IPC_CHANNELS.showNotification, { title: 't', body: 'b', tag: 1 }],
    ['getAppInfo: unexpected payload', IPC_CHANNELS.getAppInfo, { please: 'leak' }],
    ['getKeychainStatus: unexpected payload', IPC_CHANNELS.getKeychainStatus, 'x'],
    ['setUnreadBadge: negative count', IPC_CHANNELS.setUnreadBadge, { count: -1, description: '' }],
    ['setUnreadBadge: count above 9999', IPC_CHANNELS.setUnreadBadge, { count: 10_000, description: '' }],
    ['setUnreadBadge: fractional count', IPC_CHANNELS.setUnreadBadge, { count: 1.5, description: '' }],
    ['setUnreadBadge: NaN', IPC_CHANNELS.setUnreadBadge, { count: Number.NaN, description: '' }],
    ['setUnreadBadge: Infinity', IPC_CHANNELS.setUnreadBadge, { count: Number.POSITIVE_INFINITY, description: '' }],
    ['setUnreadBadge: count as a string', IPC_CHANNELS.setUnreadBadge, { count: '3', description: '' }],
    ['setUnreadBadge: no description', IPC_CHANNELS.setUnreadBadge, { count: 3 }],
    ['setUnreadBadge: long description', IPC_CHANNELS.setUnreadBadge, { count: 3, description: 'd'.repeat(201) }],
  ];

  it.each(cases)('%s → invalid-arguments, handler not called', async (_label, channel, request) => {
    const { dispatch, handlers, log } = setup();
    const envelope = await dispatch(channel, TRUSTED, request);
    expectError(envelope, 'invalid-arguments');
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
    for (const line of logLines(log)) expect(line).not.toContain(SECRET);
  });

  it('accepts keys at the edge of the schema', async () => {
    const { dispatch, handlers } = setup();
    for (const key of ['a', 'A', '9', 'k'.repeat(128), 'matrix:access_token', 'device.id-2']) {
      const envelope = await dispatch(IPC_CHANNELS.getSecret, TRUSTED, { key });
      expect(envelope.ok, key).toBe(true);
    }
    expect(handlers.getSecret).toHaveBeenCalledTimes(6);
  });

  it('accepts badge counts from 0 to 9999', async () => {
    const { dispatch, handlers } = setup();
    for (const count of [0, 1, 9999]) {
      const envelope = await dispatch(IPC_CHANNELS.setUnreadBadge, TRUSTED, { count, description: 'd' });
      expect(envelope.ok, String(count)).toBe(true);
    }
    expect(handlers.setUnreadBadge).toHaveBeenCalledTimes(3);
  });

  it('accepts a value of exactly 16384 characters', async () => {
    const { dispatch, handlers } = setup();
    const envelope = await dispatch(IPC_CHANNELS.setSecret, TRUSTED, { key: 'token', value: 'v'.repeat(16_384) });
    expect(envelope.ok).toBe(true);
    expect(handlers.setSecret).toHaveBeenCalledTimes(1);
  });

  it('strips unknown fields (including __proto__) before the handler sees the request', async () => {
    const { dispatch, handlers } = setup();
    const hostile: unknown = JSON.parse('{"key":"token","extra":"x","__proto__":{"polluted":true}}');
    const envelope = await dispatch(IPC_CHANNELS.getSecret, TRUSTED, hostile);
    expect(envelope.ok).toBe(true);
    const received = handlers.getSecret.mock.calls[0]?.[0];
    expect(received).toEqual({ key: 'token' });
    expect(Object.keys(received ?? {})).toEqual(['key']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('createIpcRouter: timeouts', () => {
  it('answers timeout when the handler never settles (real timers)', async () => {
    const { dispatch } = setup({ handlers: { getSecret: () => new Promise<never>(() => {}) }, timeoutMs: 50 });
    const started = Date.now();
    const envelope = await dispatch(IPC_CHANNELS.getSecret, TRUSTED, { key: 'token' });
    const elapsed = Date.now() - started;
    const message = expectError(envelope, 'timeout');
    expect(message).toContain(IPC_CHANNELS.getSecret);
    expect(elapsed).toBeGreaterThanOrEqual(40);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('settles exactly at the timeout, not before (fake timers)', async () => {
    vi.useFakeTimers();
    const { dispatch, log } = setup({ handlers: { setSecret: () => new Promise<never>(() => {}) }, timeoutMs: 100 });
    let settled: IpcEnvelope<unknown> | undefined;
    void dispatch(IPC_CHANNELS.setSecret, TRUSTED, { key: 'token', value: SECRET }).then((e) => (settled = e));
    await vi.advanceTimersByTimeAsync(99);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBeDefined();
    expectError(settled ?? { ok: true, value: null }, 'timeout');
    for (const line of logLines(log)) expect(line).not.toContain(SECRET);
  });

  it('a handler that answers before the timeout wins, and no timer is left behind', async () => {
    vi.useFakeTimers();
    const { dispatch } = setup({
      handlers: { getSecret: () => new Promise((resolve) => setTimeout(() => resolve({ value: 'late-but-ok' }), 90)) },
      timeoutMs: 100,
    });
    const pending = dispatch(IPC_CHANNELS.getSecret, TRUSTED, { key: 'token' });
    await vi.advanceTimersByTimeAsync(90);
    await expect(pending).resolves.toEqual({ ok: true, value: { value: 'late-but-ok' } });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its timer after an error too', async () => {
    vi.useFakeTimers();
    const { dispatch } = setup({
      handlers: {
        getSecret: () => {
          throw new Error('boom');
        },
      },
    });
    const envelope = await dispatch(IPC_CHANNELS.getSecret, TRUSTED, { key: 'token' });
    expectError(envelope, 'internal');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('createIpcRouter: handler failures', () => {
  it('a throwing handler gives internal with its message, and is logged', async () => {
    const { dispatch, log } = setup({
      handlers: {
        getSecret: () => {
          throw new Error('keychain locked');
        },
      },
    });
    const envelope = await dispatch(IPC_CHANNELS.getSecret, TRUSTED, { key: 'token' });
    expect(expectError(envelope, 'internal')).toBe('keychain locked');
    expect(log).toHaveBeenCalledTimes(1);
    expect(logLines(log)[0]).toContain('keychain locked');
    expect(logLines(log)[0]).toContain(IPC_CHANNELS.getSecret);
  });

  it('a rejecting async handler gives internal', async () => {
    const { dispatch, log } = setup({ handlers: { deleteSecret: () => Promise.reject(new Error('disk on fire')) } });
    const envelope = await dispatch(IPC_CHANNELS.deleteSecret, TRUSTED, { key: 'token' });
    expect(expectError(envelope, 'internal')).toBe('disk on fire');
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('a non-Error throw still becomes a typed internal error', async () => {
    const { dispatch } = setup({
      handlers: {
        getKeychainStatus: () => {
          const thrown: unknown = 'plain string';
          throw thrown;
        },
      },
    });
    const envelope = await dispatch(IPC_CHANNELS.getKeychainStatus, TRUSTED, undefined);
    expect(expectError(envelope, 'internal')).toBe('plain string');
  });

  it('an Error with an empty message gets a generic one', async () => {
    const { dispatch } = setup({ handlers: { getKeychainStatus: () => Promise.reject(new Error('')) } });
    const envelope = await dispatch(IPC_CHANNELS.getKeychainStatus, TRUSTED, undefined);
    expect(expectError(envelope, 'internal')).toBe('Unexpected error');
  });

  it('an IpcError thrown by a handler keeps its code and is not logged as internal', async () => {
    const { dispatch, log } = setup({
      handlers: { showNotification: () => Promise.reject(new IpcError('unavailable', 'no daemon')) },
    });
    const envelope = await dispatch(IPC_CHANNELS.showNotification, TRUSTED, { title: 't', body: 'b' });
    expect(expectError(envelope, 'unavailable')).toBe('no daemon');
    expect(log).not.toHaveBeenCalled();
  });

  const malformed: [string, Partial<IpcHandlers>, string, unknown][] = [
    ['getSecret returns a number', { getSecret: () => ({ value: 5 }) as never }, IPC_CHANNELS.getSecret, { key: 'k' }],
    ['getSecret returns undefined', { getSecret: () => undefined as never }, IPC_CHANNELS.getSecret, { key: 'k' }],
    [
      'setSecret claims "disk" storage',
      { setSecret: () => ({ stored: 'disk' }) as never },
      IPC_CHANNELS.setSecret,
      { key: 'k', value: 'v' },
    ],
    [
      'deleteSecret returns a string',
      { deleteSecret: () => ({ deleted: 'yes' }) as never },
      IPC_CHANNELS.deleteSecret,
      { key: 'k' },
    ],
    [
      'getAppInfo returns an unknown platform',
      { getAppInfo: () => ({ name: 'R', version: '1', platform: 'beos', locale: 'en', preferredLanguages: [] }) as never },
      IPC_CHANNELS.getAppInfo,
      undefined,
    ],
    [
      'getManagedSettings returns the old flattened shape',
      {
        getManagedSettings: () =>
          ({
            ...unmanagedSettings(),
            settings: { syncMode: { value: 'classic', locked: true, reason: null } },
          }) as never,
      },
      IPC_CHANNELS.getManagedSettings,
      undefined,
    ],
    [
      'openExternal resolves null',
      { openExternal: () => Promise.resolve(null as never) },
      IPC_CHANNELS.openExternal,
      { url: 'https://x.example' },
    ],
  ];

  it.each(malformed)('%s → invalid-response', async (_label, handlers, channel, request) => {
    const { dispatch } = setup({ handlers });
    const envelope = await dispatch(channel, TRUSTED, request);
    expectError(envelope, 'invalid-response');
  });

  it('returns {ok:true, value} on success and strips fields the contract does not declare', async () => {
    const { dispatch } = setup({ handlers: { getSecret: () => ({ value: 'abc', internalPath: '/home/u/.secret' }) as never } });
    const envelope = await dispatch(IPC_CHANNELS.getSecret, TRUSTED, { key: 'token' });
    expect(envelope).toEqual({ ok: true, value: { value: 'abc' } });
  });

  it('returns null secret values as they are', async () => {
    const { dispatch } = setup({ handlers: { getSecret: () => ({ value: null }) } });
    await expect(dispatch(IPC_CHANNELS.getSecret, TRUSTED, { key: 'token' })).resolves.toEqual({
      ok: true,
      value: { value: null },
    });
  });
});

describe('createIpcRouter: logs never carry request values', () => {
  it('no log line contains the secret, whatever goes wrong', async () => {
    const log = vi.fn<(message: string) => void>();
    const isTrustedSender = (url: string | undefined) => isAppUrl(url, appOrigins);
    const scenarios: Partial<IpcHandlers>[] = [
      {},
      { setSecret: () => Promise.reject(new Error('keychain unavailable')) },
      {
        setSecret: () => {
          throw new TypeError('cannot read properties of undefined');
        },
      },
      { setSecret: () => ({ stored: 'plaintext-file' }) as never },
      { setSecret: () => new Promise<never>(() => {}) },
      { setSecret: () => Promise.reject(new IpcError('unavailable', 'no keychain')) },
    ];
    const requests: unknown[] = [
      { key: 'token', value: SECRET },
      { key: '../etc', value: SECRET },
      { key: 'token', value: SECRET.repeat(2_000) },
      { key: 'token', value: SECRET, extra: SECRET },
      { value: SECRET },
      SECRET,
    ];
    const senders = [TRUSTED, undefined, 'https://evil.example/?leak=' + SECRET, 'relais://app@evil/'];
    for (const overrides of scenarios) {
      const dispatch = createIpcRouter({ handlers: makeHandlers(overrides), isTrustedSender, timeoutMs: 20, log });
      for (const request of requests) {
        for (const sender of senders) {
          await dispatch(IPC_CHANNELS.setSecret, sender, request);
        }
      }
    }
    expect(log).toHaveBeenCalled();
    for (const line of logLines(log)) expect(line).not.toContain(SECRET);
  });
});
