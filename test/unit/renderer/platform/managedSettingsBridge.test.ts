// Machine policy from main to the renderer's platform layer through the real chain: handlers, the
// IPC router (sender check, response check), the preload API, the renderer's unwrapping and
// ElectronPlatform, which checks what arrived against the same schema. What is malformed on arrival
// is refused with a clear error, and the app then runs in safe mode rather than unmanaged.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createIpcRouter, type IpcHandlers } from '../../../../src/main/ipc/router.ts';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { managedSettingsFor } from '../../../../src/main/policy/managedSettings.ts';
import { isAppUrl, parseOrigin } from '../../../../src/main/security/origins.ts';
import { loadManagedSettings } from '../../../../src/renderer/app/ManagedSettingsContext.ts';
import { ElectronPlatform } from '../../../../src/renderer/platform/ElectronPlatform.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../../src/shared/appScheme.ts';
import { createPreloadApi, unwrapBridge } from '../../../../src/shared/ipc/bridge.ts';
import { IPC_CHANNELS, type IpcChannel } from '../../../../src/shared/ipc/channels.ts';
import { IpcError } from '../../../../src/shared/ipc/errors.ts';
import { managedSettingsSchema, type ManagedSettings } from '../../../../src/shared/policy/managedSettings.ts';
import { SETTING_KEYS } from '../../../../src/shared/policy/settings.ts';
import { fakeFs } from '../../support/policyFakes.ts';

const FILE = '/etc/relais/policy.json';
const MANAGED = managedSettingsFor(
  loadPolicy(
    { pathStyle: 'posix', policyDirectory: '/etc/relais' },
    { fs: fakeFs({ [FILE]: readFileSync('build/policy/policy.example.json', 'utf8') }) },
  ),
  {},
  'en',
);

/** Main's router with only getManagedSettings answering; every other method is never called here. */
function platformOver(managedSettings: () => ManagedSettings, senderUrl = APP_ENTRY_URL) {
  const calls = vi.fn<() => void>();
  const unused = () => {
    throw new Error('not used in this test');
  };
  const handlers = Object.fromEntries(Object.keys(IPC_CHANNELS).map((method) => [method, unused])) as unknown as IpcHandlers;
  handlers.getManagedSettings = () => {
    calls();
    return managedSettings();
  };
  const dispatch = createIpcRouter({
    handlers,
    isTrustedSender: (url) => isAppUrl(url, [parseOrigin(APP_ORIGIN)]),
    timeoutMs: 1_000,
    log: () => undefined,
  });
  const invoke = (channel: IpcChannel, request: unknown) => dispatch(channel, senderUrl, request);
  return { platform: new ElectronPlatform(unwrapBridge(createPreloadApi(invoke))), calls };
}

/** A bridge whose reply to getManagedSettings is `value` as is: what a tampered preload could hand over. */
function platformReceiving(value: unknown): ElectronPlatform {
  const raw = createPreloadApi(() => Promise.resolve({ ok: true, value }));
  return new ElectronPlatform(unwrapBridge(raw));
}

async function refusal(promise: Promise<unknown>): Promise<IpcError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof IpcError)) throw new Error(`expected an IpcError, got ${String(error)}`);
  return error;
}

describe('ElectronPlatform.managedSettings', () => {
  it('hands the renderer exactly what main built, typed', async () => {
    const { platform, calls } = platformOver(() => MANAGED);
    const managed = await platform.managedSettings();
    expect(managed).toEqual(MANAGED);
    expect(managed.locks.homeservers?.kind).toBe('policy');
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('a reply that is malformed on arrival is refused as invalid-response, naming the field', async () => {
    const flattened = { ...MANAGED, settings: { syncMode: { value: 'classic', locked: true, reason: null } } };
    const error = await refusal(platformReceiving(flattened).managedSettings());
    expect(error.code).toBe('invalid-response');
    expect(error.message).toMatch(/^malformed machine policy settings: settings\.homeservers: /);
  });

  it('a lock on an unknown key or an unknown lock kind is refused too', async () => {
    const unknownKey = { ...MANAGED, locks: { ...MANAGED.locks, telemetry: { kind: 'policy', reason: 'x', sources: [] } } };
    expect((await refusal(platformReceiving(unknownKey).managedSettings())).code).toBe('invalid-response');
    const unknownKind = { ...MANAGED, locks: { logLevel: { kind: 'maybe', reason: 'x', sources: [] } } };
    expect((await refusal(platformReceiving(unknownKind).managedSettings())).code).toBe('invalid-response');
  });

  it('main refuses a page outside the app before any policy is read', async () => {
    const { platform, calls } = platformOver(() => MANAGED, 'https://evil.example/');
    expect((await refusal(platform.managedSettings())).code).toBe('forbidden-sender');
    expect(calls).not.toHaveBeenCalled();
  });

  it('main refuses to send a reply that does not match the schema', async () => {
    const { platform } = platformOver(() => ({ ...MANAGED, settings: { ...MANAGED.settings, syncMode: 'fast' as 'auto' } }));
    expect((await refusal(platform.managedSettings())).code).toBe('invalid-response');
  });
});

describe('loadManagedSettings', () => {
  it('returns what the platform reports, read once', async () => {
    const { platform, calls } = platformOver(() => MANAGED);
    const log = vi.fn<(message: string) => void>();
    await expect(loadManagedSettings(platform, log)).resolves.toEqual(MANAGED);
    expect(calls).toHaveBeenCalledTimes(1);
    expect(log).not.toHaveBeenCalled();
  });

  it('fails closed: unreadable or malformed policy means safe mode (connect nowhere, all locked), logged', async () => {
    const log = vi.fn<(message: string) => void>();
    const managed = await loadManagedSettings(platformReceiving({ mode: 'none' }), log);
    expect(managedSettingsSchema.parse(managed)).toEqual(managed);
    expect(managed).toMatchObject({ mode: 'safe', userMessage: null, egress: { mode: 'safe', allowedHosts: [] } });
    expect(Object.keys(managed.locks).sort()).toEqual([...SETTING_KEYS].sort());
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(
      /^policy: machine policy could not be read, running in safe mode: malformed machine policy settings: /,
    );
  });
});
