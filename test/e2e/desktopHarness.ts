// Runs the renderer in Chromium the way the desktop app runs it, minus the Electron binary (which
// cannot run on these machines): `window.relais` is built from the IPC contract exactly as the
// preload builds it, and each call goes to the REAL main-process router, handlers and keychain store
// (gnome-keyring's Secret Service under test/env/with-keyring.sh) in this Node process.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { homedir, release } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { createIpcHandlers } from '../../src/main/ipc/handlers.ts';
import { createIpcRouter } from '../../src/main/ipc/router.ts';
import { createRendererLogIntake } from '../../src/main/log/rendererLogs.ts';
import { createMainLogging } from '../../src/main/log.ts';
import { createRotatingFile } from '../../src/main/log/rotatingFile.ts';
import { desktopDiagnostics } from '../../src/main/log/desktopDiagnostics.ts';
import { formatRecord } from '../../src/shared/log/format.ts';
import { fileBackendMarker } from '../../src/main/secrets/backendMarker.ts';
import { napiEntryFactory } from '../../src/main/secrets/napiKeyring.ts';
import { openSecretStore } from '../../src/main/secrets/openSecretStore.ts';
import { createSecretsHolder, type SecretsHolder } from '../../src/main/secrets/secretsHolder.ts';
import { loadMachinePolicy } from '../../src/main/policy/machinePolicy.ts';
import { managedSettingsFor } from '../../src/main/policy/managedSettings.ts';
import { joinTeamsMeeting } from '../../src/main/teams/teamsJoin.ts';
import { createEgressState } from '../../src/main/net/egressState.ts';
import { nodeSettingsFileSystem, readUserSettingsFile, writeUserSettingsFile } from '../../src/main/settings/userSettingsFile.ts';
import { createUserSettingsService, type UserSettingsService } from '../../src/main/settings/userSettingsService.ts';
import type { EgressFilter } from '../../src/shared/policy/egress.ts';
import { resolveSettings } from '../../src/shared/policy/resolve.ts';
import { BRIDGE_GLOBAL, IPC_CHANNELS } from '../../src/shared/ipc/channels.ts';

export interface DesktopHarness {
  secrets: SecretsHolder;
  log: string[];
  /** What main would have handed to the OS (browser, SIP client) or opened in an isolated window. */
  opened: { external: string[]; isolated: string[] };
  userSettings: UserSettingsService;
  /** The egress filter main would enforce right now (Electron's webRequest hook is unit tested). */
  egress(): EgressFilter;
  /** Requests the egress filter refused (with `enforceEgress`). */
  blocked: string[];
  /**
   * `enforceEgress`: every request the page makes passes the same filter main applies through
   * session.webRequest (Playwright's routing stands in for it); the app's own origin stands in
   * for the relais://app scheme, which the filter always allows.
   */
  attach(context: BrowserContext, options?: { enforceEgress?: boolean }): Promise<void>;
}

export interface HarnessOptions {
  appOrigin: string;
  markerFile: string;
  /** A folder standing in for /etc/relais (policy.json, policy.d/); none means no machine policy. */
  policyDir?: string;
  /** The profile's settings.json; by default next to the marker file. */
  settingsFile?: string;
  /**
   * The profile's logs folder: main's logging writes relais.log there (the renderer's records too),
   * and Export diagnostics saves its file there, where Electron's save dialog would have asked.
   */
  logDir?: string;
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
  const mainLogging = createMainLogging({ stderr: () => undefined });
  const logFile = options.logDir ? createRotatingFile({ dir: options.logDir }) : null;
  if (logFile) mainLogging.attachFile(logFile);
  const policy = loadMachinePolicy({
    platform: 'linux',
    // Stands in for /etc/relais: the same override unpackaged builds honour.
    env: options.policyDir ? { RELAIS_POLICY_DIR: options.policyDir } : {},
    allowDirectoryOverride: true,
    log: (m) => log.push(m),
  });
  // The same wiring as main.ts: settings from the profile file, egress rebuilt on every change.
  const settingsFile = options.settingsFile ?? path.join(path.dirname(options.markerFile), 'settings.json');
  const logLine = (m: string) => log.push(m);
  const userSettings = createUserSettingsService({
    policy,
    load: () => readUserSettingsFile(nodeSettingsFileSystem, settingsFile, logLine),
    save: (settings) => writeUserSettingsFile(nodeSettingsFileSystem, settingsFile, settings),
    log: logLine,
  });
  const egress = createEgressState(policy, () => userSettings.current(), logLine);
  const blocked: string[] = [];
  userSettings.onChange(() => egress.refresh());
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
      // app.setBadgeCount and the taskbar overlay need Electron: unit tested with Electron mocked.
      setUnreadBadge: () => false,
      managedSettings: () => managedSettingsFor(policy, userSettings.current(), 'en'),
      userSettings,
      // desktopCapturer needs Electron; the picker logic is unit tested with a fake capturer.
      screenShare: { list: () => Promise.resolve([]), choose: () => ({ chosen: false }) },
      // Electron's session.clearCache/clearStorageData: unit tested with a fake session.
      clearSessionData: () => {
        log.push('session: cache and storage cleared');
        return Promise.resolve();
      },
      // The real intake (redaction, rate limit), into this harness's log and main's log file.
      writeLogs: createRendererLogIntake({
        sink: (record) => {
          log.push(formatRecord(record));
          mainLogging.sink(record);
        },
      }),
      // Electron's save dialog cannot open here: without a logs folder it is as if it were cancelled.
      exportDiagnostics: async () => {
        if (!logFile || !options.logDir) return { saved: false };
        const { fileName, text } = await desktopDiagnostics({
          app: { name: 'Relais', version: '0.0.0-test' },
          system: { platform: 'linux', osRelease: release(), arch: process.arch, versions: process.versions, locale: 'en-GB' },
          policy: managedSettingsFor(policy, userSettings.current(), 'en'),
          home: homedir(),
          logFile,
          now: () => new Date(),
        });
        await writeFile(path.join(options.logDir, fileName), text);
        return { saved: true };
      },
      joinTeamsMeeting: (link, action) =>
        joinTeamsMeeting(link, action, {
          bridgePolicy: () => resolveSettings(policy, userSettings.current()).values.teamsBridge,
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
    userSettings,
    egress: () => egress.filter(),
    blocked,
    async attach(context, attachOptions = {}) {
      if (attachOptions.enforceEgress === true) {
        const appOrigin = new URL(options.appOrigin).origin;
        await context.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith(`${appOrigin}/`)) return route.continue();
          const decision = egress.filter().decide(url);
          if (decision.allowed) return route.continue();
          blocked.push(url);
          log.push(`egress: ${decision.reason}`);
          return route.abort('blockedbyclient');
        });
      }
      await context.exposeBinding('__relaisInvoke', ({ frame }, channel: string, request: unknown) =>
        dispatch(channel, frame.url(), request),
      );
      await context.addInitScript({ content: initScript });
    },
  };
}
