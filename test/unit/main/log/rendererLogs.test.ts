// The renderer's records entering main: through the IPC router (sender check, schema), then the
// intake (redacted again, marked as the renderer's, rate-limited).
import { describe, expect, it } from 'vitest';
import { createIpcHandlers, type HandlerServices } from '../../../../src/main/ipc/handlers.ts';
import { createIpcRouter } from '../../../../src/main/ipc/router.ts';
import { createRendererLogIntake } from '../../../../src/main/log/rendererLogs.ts';
import { createUserSettingsService } from '../../../../src/main/settings/userSettingsService.ts';
import { isAppUrl, parseOrigin } from '../../../../src/main/security/origins.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../../src/shared/appScheme.ts';
import { IPC_CHANNELS } from '../../../../src/shared/ipc/channels.ts';
import type { LogContext, LogRecord } from '../../../../src/shared/log/record.ts';
import { unmanagedSettings } from '../../../../src/shared/policy/managedSettings.ts';

const record = (message: string, extra: Partial<LogRecord> = {}): LogRecord => ({
  time: '2030-01-02T03:04:05.678Z',
  level: 'info',
  scope: 'sync',
  message,
  ...extra,
});

describe('createRendererLogIntake', () => {
  it('writes records under a renderer scope, redacted again, with only allowlisted context', () => {
    const written: LogRecord[] = [];
    const intake = createRendererLogIntake({ sink: (r) => written.push(r) });
    const result = intake([
      record('GET /sync?access_token=syt_from_a_compromised_page'),
      record('x', { scope: 'main', context: { code: 'syt_token_in_a_code', extra: 'dropped' } as unknown as LogContext }),
    ]);
    expect(result).toEqual({ accepted: 2, dropped: 0 });
    expect(written).toEqual([
      { ...record('GET /sync?access_token=[redacted]'), scope: 'renderer/sync' },
      { ...record('x'), scope: 'renderer/main', context: { code: 'syt_[redacted]' } },
    ]);
  });

  it('accepts a burst, then a steady rate, and says once in a while how many it dropped', () => {
    let now = 0;
    const written: LogRecord[] = [];
    const intake = createRendererLogIntake({
      sink: (r) => written.push(r),
      burst: 100,
      perSecond: 10,
      noteEveryMs: 10_000,
      now: () => now,
    });
    const batch = (n: number) => Array.from({ length: n }, (_, i) => record(`m${i}`));

    expect(intake(batch(100))).toEqual({ accepted: 100, dropped: 0 });
    expect(intake(batch(50))).toEqual({ accepted: 0, dropped: 50 });
    const notes = () => written.filter((r) => r.scope === 'log');
    expect(notes()).toEqual([
      {
        time: new Date(0).toISOString(),
        level: 'warn',
        scope: 'log',
        message: '50 renderer log records dropped: more than 10 a second',
        context: { count: 50 },
      },
    ]);

    now = 1_000; // one second: ten more
    expect(intake(batch(30))).toEqual({ accepted: 10, dropped: 20 });
    expect(notes()).toHaveLength(1); // the next note waits for its 10 s
    now = 10_000;
    expect(intake(batch(200))).toEqual({ accepted: 90, dropped: 110 });
    expect(notes().map((n) => n.context?.count)).toEqual([50, 130]);

    now = 1_000_000; // a long quiet spell refills only up to the burst
    expect(intake(batch(300)).accepted).toBe(100);
    expect(written.filter((r) => r.scope === 'renderer/sync')).toHaveLength(300);
  });
});

describe('writeLogs over IPC', () => {
  function setup() {
    const written: LogRecord[] = [];
    const routerLog: string[] = [];
    const unused = () => Promise.reject(new Error('not in this test'));
    const services: HandlerServices = {
      appName: 'Relais',
      appVersion: '0.1.0',
      platform: 'linux',
      locale: () => ({ locale: 'en', preferred: [] }),
      openExternal: unused,
      secrets: {
        get: unused,
        set: unused,
        delete: unused,
        reopen: unused,
        persistent: false,
        backend: 'none',
        problem: 'no-keychain',
      },
      notify: () => false,
      managedSettings: () => unmanagedSettings(),
      joinTeamsMeeting: unused,
      userSettings: createUserSettingsService({
        policy: { status: 'none', searched: [], sources: [], notices: [] },
        load: () => ({ version: 1 }),
        save: () => undefined,
        log: () => undefined,
      }),
      screenShare: { list: () => Promise.resolve([]), choose: () => ({ chosen: false }) },
      clearSessionData: () => Promise.resolve(),
      writeLogs: createRendererLogIntake({ sink: (r) => written.push(r), burst: 150, perSecond: 1 }),
      exportDiagnostics: () => Promise.resolve({ saved: false }),
      setUnreadBadge: () => false,
    };
    const appOrigins = [parseOrigin(APP_ORIGIN)];
    const dispatch = createIpcRouter({
      handlers: createIpcHandlers(services),
      isTrustedSender: (url) => isAppUrl(url, appOrigins),
      timeoutMs: 1_000,
      log: (m) => routerLog.push(m),
    });
    const send = (request: unknown, sender: string | undefined = APP_ENTRY_URL) =>
      dispatch(IPC_CHANNELS.writeLogs, sender, request);
    return { send, written, routerLog };
  }

  it('writes valid records from the app', async () => {
    const { send, written } = setup();
    await expect(send({ records: [record('hello')] })).resolves.toEqual({ ok: true, value: { accepted: 1, dropped: 0 } });
    expect(written.map((r) => r.scope)).toEqual(['renderer/sync']);
  });

  it('refuses another page, and writes nothing it sent', async () => {
    const { send, written, routerLog } = setup();
    const envelope = await send({ records: [record('from elsewhere')] }, 'https://evil.example/page');
    expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(written).toEqual([]);
    expect(routerLog.join()).not.toContain('from elsewhere');
  });

  it.each([
    ['a record with a free-form context object', { records: [{ ...record('x'), context: { body: 'message text' } }] }],
    ['more than 100 records', { records: Array.from({ length: 101 }, () => record('x')) }],
    ['no records', { records: [] }],
    ['not a list', { records: 'x' }],
  ])('refuses %s whole', async (_what, request) => {
    const { send, written } = setup();
    await expect(send(request)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(written).toEqual([]);
  });

  it('reports what the rate limit dropped', async () => {
    const { send } = setup();
    await send({ records: Array.from({ length: 100 }, () => record('x')) });
    await expect(send({ records: Array.from({ length: 100 }, () => record('y')) })).resolves.toMatchObject({
      ok: true,
      value: { accepted: 50, dropped: 50 },
    });
  });
});
