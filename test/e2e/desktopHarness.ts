// Runs the renderer in Chromium the way the desktop app runs it, minus the Electron binary (which
// cannot run on these machines): `window.relais` is built from the IPC contract exactly as the
// preload builds it, and each call goes to the REAL main-process router, handlers and keychain store
// (gnome-keyring's Secret Service under test/env/with-keyring.sh) in this Node process.
import { randomUUID } from 'node:crypto';
import type { BrowserContext } from '@playwright/test';
import { createIpcHandlers } from '../../src/main/ipc/handlers.ts';
import { createIpcRouter } from '../../src/main/ipc/router.ts';
import { fileBackendMarker } from '../../src/main/secrets/backendMarker.ts';
import { napiEntryFactory } from '../../src/main/secrets/napiKeyring.ts';
import { openSecretStore } from '../../src/main/secrets/openSecretStore.ts';
import { createSecretsHolder, type SecretsHolder } from '../../src/main/secrets/secretsHolder.ts';
import { loadMachinePolicy } from '../../src/main/policy/machinePolicy.ts';
import { managedSettingsFor } from '../../src/main/policy/managedSettings.ts';
import { joinTeamsMeeting } from '../../src/main/teams/teamsJoin.ts';
import { resolveSettings } from '../../src/shared/policy/resolve.ts';
import { BRIDGE_GLOBAL, IPC_CHANNELS } from '../../src/shared/ipc/channels.ts';

export interface DesktopHarness {
  secrets: SecretsHolder;
  log: string[];
  /** What main would have handed to the OS (browser, SIP client) or opened in an isolated window. */
  opened: { external: string[]; isolated: string[] };
  attach(context: BrowserContext): Promise<void>;
}

export interface HarnessOptions {
  appOrigin: string;
  markerFile: string;
  /** A folder standing in for /etc/relais (policy.json, policy.d/); none means no machine policy. */
  policyDir?: string;
}

export async function createDesktopHarness(options: HarnessOptions): Promise<DesktopHarness> {
  const log: string[] = [];
  const keychainService = `eu.relais.desktop.test-${randomUUID()}`;
  const opened = { external: [] as string[], isolated: [] as string[] };
  const open = () =>
    openSecretStore({
      platform: 'linux',
      entry: napiEntryFactory('linux'),
      marker: fileBackendMarker(options.markerFile),
      log: (m) => log.push(m),
      // Each harness has its own keychain namespace: a session left by one test never leaks into another.
      service: keychainService,
    });
  const secrets = createSecretsHolder(await open(), open);
  const policy = loadMachinePolicy({
    platform: 'linux',
    // Stands in for /etc/relais: the same override unpackaged builds honour.
    env: options.policyDir ? { RELAIS_POLICY_DIR: options.policyDir } : {},
    allowDirectoryOverride: true,
    log: (m) => log.push(m),
  });
  const dispatch = createIpcRouter({
    handlers: createIpcHandlers({
      appName: 'Relais',
      appVersion: '0.0.0-test',
      platform: 'linux',
      locale: () => ({ locale: 'en-GB', preferred: ['en-GB'] }),
      openExternal: (url) => {
        opened.external.push(url);
        return Promise.resolve();
      },
      secrets,
      notify: () => true,
      managedSettings: () => managedSettingsFor(policy, {}, 'en'),
      // desktopCapturer needs Electron; the picker logic is unit tested with a fake capturer.
      screenShare: { list: () => Promise.resolve([]), choose: () => ({ chosen: false }) },
      joinTeamsMeeting: (link, action) =>
        joinTeamsMeeting(link, action, {
          bridgePolicy: () => resolveSettings(policy, {}).values.teamsBridge,
          now: () => new Date(),
          openExternal: (url) => {
            opened.external.push(url);
            return Promise.resolve();
          },
          // Electron's isolated window cannot open here; its construction is unit tested.
          openIsolatedWindow: (url) => opened.isolated.push(url),
          log: (m) => log.push(m),
        }),
    }),
    // The app origin stands in for relais://app: the web server's origin, checked the same way.
    isTrustedSender: (url) => {
      try {
        return url !== undefined && new URL(url).origin === new URL(options.appOrigin).origin;
      } catch {
        return false;
      }
    },
    timeoutMs: 15_000,
    log: (m) => log.push(m),
  });

  // The same shape createPreloadApi gives: one method per contract channel, returning the envelope.
  const methods = Object.entries(IPC_CHANNELS)
    .map(([method, channel]) => `${method}: (request) => window.__relaisInvoke(${JSON.stringify(channel)}, request)`)
    .join(',\n');
  const initScript = `Object.defineProperty(window, ${JSON.stringify(BRIDGE_GLOBAL)}, { value: Object.freeze({ ${methods} }) });`;

  return {
    secrets,
    log,
    opened,
    async attach(context) {
      await context.exposeBinding('__relaisInvoke', ({ frame }, channel: string, request: unknown) =>
        dispatch(channel, frame.url(), request),
      );
      await context.addInitScript({ content: initScript });
    },
  };
}
