// Electron entry point: wires the pure modules to Electron. Nothing here decides policy; it only
// connects the deciders (origins, permissions, navigation, IPC router) to Electron's hooks.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, type BrowserWindow, ipcMain, net, Notification, protocol, session, shell } from 'electron';
import { APP_ENTRY_URL, APP_HOST, APP_ORIGIN, APP_SCHEME } from '../shared/appScheme.ts';
import { buildCsp, DEFAULT_CONNECT_SOURCES } from '../shared/csp.ts';
import { createIpcHandlers } from './ipc/handlers.ts';
import { registerIpc } from './ipc/registerIpc.main.ts';
import { createIpcRouter } from './ipc/router.ts';
import { createMainLogging } from './log.ts';
import { createRotatingFile } from './log/rotatingFile.ts';
import { createRendererLogIntake } from './log/rendererLogs.ts';
import { desktopDiagnostics } from './log/desktopDiagnostics.ts';
import { saveDiagnostics } from './log/diagnostics.main.ts';
import { formatRecord } from '../shared/log/format.ts';
import { createAppProtocolHandler } from './protocol/appProtocolHandler.ts';
import { fileBackendMarker } from './secrets/backendMarker.ts';
import { napiEntryFactory } from './secrets/napiKeyring.ts';
import { openSecretStore } from './secrets/openSecretStore.ts';
import { createSecretsHolder } from './secrets/secretsHolder.ts';
import { installPermissionHandlers } from './security/guards.main.ts';
import { guardNewWebContents } from './security/newContents.main.ts';
import { isAppUrl, parseOrigin } from './security/origins.ts';
import { acquireSingleInstance } from './singleInstance.main.ts';
import { formatProblemsForLog } from './policy/problems.ts';
import { pickLanguage } from '../shared/i18n/languages.ts';
import { installEgressFilter } from './net/egress.main.ts';
import { createEgressState } from './net/egressState.ts';
import { nodeSettingsFileSystem, readUserSettingsFile, writeUserSettingsFile } from './settings/userSettingsFile.ts';
import { createUserSettingsService } from './settings/userSettingsService.ts';
import { installScreenShare } from './calls/screenShare.main.ts';
import { loadMachinePolicy } from './policy/machinePolicy.ts';
import { loadBranding } from './branding/loadBranding.ts';
import { managedSettingsFor } from './policy/managedSettings.ts';
import { runPrintPolicy } from './policy/printPolicyCli.ts';
import { execFileSync } from 'node:child_process';
import { resolveSettings } from '../shared/policy/resolve.ts';
import { IPC_EVENTS } from '../shared/ipc/channels.ts';
import { createRepeatFilter } from './teams/repeatFilter.ts';
import { isIsolatedTeamsContents, openIsolatedTeamsWindow } from './teams/isolatedWindow.main.ts';
import { joinTeamsMeeting } from './teams/teamsJoin.ts';
import { teamsLinksIn } from './teams/osLinks.ts';
import { oauthCallbackDecision, oauthCallbackEntryUrl } from './oauthCallback.ts';
import { ssoCallbackDecision, ssoCallbackEntryUrl } from './ssoCallback.ts';
import { MATRIX_SESSION_SECRET_KEY } from '../shared/sessionKeys.ts';
import type { SecretsHolder } from './secrets/secretsHolder.ts';
import { createMainWindow } from './window.main.ts';
import { clearSessionData } from './session/sessionData.main.ts';
import { installDownloadHandler } from './downloads/downloads.main.ts';
import { resolveDownloadFolder } from './downloads/downloadFolder.ts';
import { notificationText } from './notifications/notificationText.ts';
import { installUnreadBadge } from './notifications/unreadBadge.main.ts';
import { applySpellcheck, logDictionaryEvents, spellcheckPlan } from './spellcheck/spellcheck.main.ts';
import { watchNetwork } from './net/networkWatch.ts';

const IPC_TIMEOUT_MS = 15_000;
const logging = createMainLogging();
const log = logging.logger('main');
const appOrigins = [parseOrigin(APP_ORIGIN)];

const readMachinePolicy = () =>
  loadMachinePolicy({
    platform: process.platform,
    env: process.env,
    allowDirectoryOverride: !app.isPackaged,
    runCommand: (file, args) => execFileSync(file, [...args], { encoding: 'utf8', timeout: 5_000 }),
    log,
  });

// `relais --print-policy`: answer and exit before anything else starts.
const printed = runPrintPolicy(process.argv, { loadPolicy: readMachinePolicy });
if (printed) {
  process.stdout.write(printed.output);
  process.exit(printed.exitCode);
}

// The log file, in the profile's logs folder (the path is known before `ready`). Only the instance
// that holds the single-instance lock writes to it (attached below).
const logFile = createRotatingFile({
  dir: path.join(app.getPath('userData'), 'logs'),
  onError: (message) => process.stderr.write(`${message}\n`),
  droppedLine: (count) =>
    formatRecord({ time: new Date().toISOString(), level: 'warn', scope: 'log', message: `${count} log lines dropped` }),
});

// Must happen before `ready`: the app scheme behaves like https (secure context, fetch, CSP).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
/** Set once the keychain is open; SSO callbacks ask it whether someone is signed in. */
let sessionSecrets: SecretsHolder | null = null;
// Links that arrive before the window can take them (the app was started by one).
const pendingTeamsLinks: string[] = [...teamsLinksIn(process.argv)];
const firstTimeWithin5s = createRepeatFilter(5_000);

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Hands an msteams: link from the OS to the renderer, once per few seconds per link. */
function forwardTeamsLink(link: string): void {
  if (!firstTimeWithin5s(link)) return;
  if (!mainWindow || mainWindow.webContents.isLoading()) {
    pendingTeamsLinks.push(link);
    return;
  }
  mainWindow.webContents.send(IPC_EVENTS.teamsLinkOpened, { link });
  focusMainWindow();
}

function onSecondInstance(argv: string[]): void {
  focusMainWindow();
  for (const link of teamsLinksIn(argv)) forwardTeamsLink(link);
  for (const arg of argv) finishSsoFromDeepLink(arg);
}

/**
 * The identity provider sends the browser back to relais://app/sso-callback?loginToken=… (SSO) or
 * the issuer to relais://app/oauth-callback?code=…&state=… (native OIDC); the OS hands that URL to
 * us. Load the app with it so the renderer (which started the sign-in in this window, so its session
 * storage still holds what it needs) completes the sign-in.
 */
function finishSsoFromDeepLink(url: string): void {
  if ((ssoCallbackEntryUrl(url) === null && oauthCallbackEntryUrl(url) === null) || !mainWindow) return;
  // Signed in = a session in the keychain (the renderer deletes it first thing at sign-out).
  const signedIn = sessionSecrets
    ? sessionSecrets.get(MATRIX_SESSION_SECRET_KEY).then((v) => v !== null)
    : Promise.resolve(false);
  void signedIn
    .catch((error: unknown) => {
      log.swallow('sso: reading the session from the keychain')(error);
      return false;
    })
    .then(async (isSignedIn) => {
      const decision = ssoCallbackDecision(url, isSignedIn) ?? oauthCallbackDecision(url, isSignedIn);
      if (decision?.action === 'ignore') log(`sso: callback ignored, ${decision.reason}`);
      if (decision?.action === 'load') await mainWindow?.loadURL(decision.url);
    })
    .catch(log.swallow('sso: loading the callback'));
}

async function start(): Promise<void> {
  await app.whenReady();
  const rendererDir = path.join(__dirname, '..', 'renderer');
  const csp = buildCsp({ connectSources: DEFAULT_CONNECT_SOURCES });
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rootDir: rendererDir, scheme: APP_SCHEME, host: APP_HOST, csp, readFile }),
  );

  installPermissionHandlers(session.defaultSession, { appOrigins, log });
  const screenShare = installScreenShare(session.defaultSession, { isAppUrl: (url) => isAppUrl(url, appOrigins), log });

  const policy = readMachinePolicy();
  if (policy.status === 'invalid') log(`policy: INVALID, starting in safe mode:\n${formatProblemsForLog(policy.problems)}`);
  else log(`policy: ${policy.status === 'valid' ? 'machine policy applies' : 'no machine policy'}`);
  // Includes policy files ignored because someone other than an administrator could write them.
  for (const notice of policy.notices) log(`policy: ${notice}`);
  // Read once: the logo file and the accent check are reported here, then reused for every window.
  const { branding, problems: brandingProblems } = loadBranding(policy);
  for (const problem of brandingProblems) log(`policy: ${problem}`);
  // The user's own settings (profile); policy wins over them. A homeserver the user chose, when
  // policy allows custom homeservers, joins the egress allowlist as soon as it is saved.
  const settingsFile = path.join(app.getPath('userData'), 'settings.json');
  const userSettings = createUserSettingsService({
    policy,
    load: () => readUserSettingsFile(nodeSettingsFileSystem, settingsFile, log),
    save: (settings) => writeUserSettingsFile(nodeSettingsFileSystem, settingsFile, settings),
    log,
  });
  const egress = createEgressState(policy, () => userSettings.current(), log);
  userSettings.onChange(() => egress.refresh());
  installEgressFilter(session.defaultSession, () => egress.filter(), log);
  const settingsNow = () => resolveSettings(policy, userSettings.current()).values;
  // How much is logged: machine policy, or the user where policy allows (no UI sets it yet).
  logging.setLevel(settingsNow().logLevel);
  userSettings.onChange(() => logging.setLevel(settingsNow().logLevel));
  installDownloadHandler(session.defaultSession, {
    folder: () => resolveDownloadFolder(settingsNow().downloadFolder, app.getPath('home'), app.getPath('downloads')),
    exists: existsSync,
    log,
  });
  const spellcheck = () =>
    applySpellcheck(
      session.defaultSession,
      spellcheckPlan(
        process.platform,
        settingsNow().spellcheck,
        app.getLocale(),
        session.defaultSession.availableSpellCheckerLanguages,
      ),
    );
  logDictionaryEvents(session.defaultSession, log);
  spellcheck();
  userSettings.onChange(spellcheck);
  const openExternal = (url: string) => shell.openExternal(url);
  app.on('web-contents-created', (_event, contents) =>
    guardNewWebContents(contents, { appOrigins, openExternal, log, isIsolatedTeams: isIsolatedTeamsContents }),
  );

  const openSecrets = () =>
    openSecretStore({
      platform: process.platform,
      entry: napiEntryFactory(process.platform),
      marker: fileBackendMarker(path.join(app.getPath('userData'), 'keychain-backend.json')),
      log,
    });
  const secrets = createSecretsHolder(await openSecrets(), openSecrets);
  sessionSecrets = secrets;
  const managedSettings = () => managedSettingsFor(policy, userSettings.current(), pickLanguage([app.getLocale()]), branding);
  const rendererLogs = createRendererLogIntake({ sink: logging.sink });
  const unreadBadge = installUnreadBadge(() => mainWindow);
  const dispatch = createIpcRouter({
    handlers: createIpcHandlers({
      appName: app.getName(),
      appVersion: app.getVersion(),
      platform: process.platform,
      locale: () => ({ locale: app.getLocale(), preferred: app.getPreferredSystemLanguages() }),
      openExternal,
      secrets,
      joinTeamsMeeting: (link, action) =>
        joinTeamsMeeting(link, action, {
          bridgePolicy: () => resolveSettings(policy, userSettings.current()).values.teamsBridge,
          now: () => new Date(),
          openExternal,
          openIsolatedWindow: (url) => openIsolatedTeamsWindow(url, log),
          log,
        }),
      managedSettings,
      userSettings,
      screenShare,
      clearSessionData: () => clearSessionData(session.defaultSession, log),
      writeLogs: rendererLogs,
      exportDiagnostics: (dialogTitle) =>
        saveDiagnostics(mainWindow, {
          dialogTitle,
          folder: app.getPath('downloads'),
          build: () =>
            desktopDiagnostics({
              app: { name: app.getName(), version: app.getVersion() },
              system: {
                platform: process.platform,
                osRelease: os.release(),
                arch: process.arch,
                versions: process.versions,
                locale: app.getLocale(),
              },
              policy: managedSettings(),
              home: app.getPath('home'),
              logFile,
              now: () => new Date(),
            }),
        }),
      setUnreadBadge: (count, description) => unreadBadge.apply(count, description),
      notify: ({ title, body }) => {
        // The renderer already checks; main enforces it too, as policy or the user set it.
        const { notifications } = resolveSettings(policy, userSettings.current()).values;
        if (!notifications.enabled || !Notification.isSupported()) return false;
        // The summary is plain text in the freedesktop spec; only the body may be read as markup.
        new Notification({ title, body: notificationText(body, process.platform), silent: !notifications.sound }).show();
        return true;
      },
    }),
    isTrustedSender: (url) => isAppUrl(url, appOrigins),
    timeoutMs: IPC_TIMEOUT_MS,
    log,
  });
  registerIpc(ipcMain, dispatch);

  mainWindow = createMainWindow({
    preloadPath: path.join(__dirname, '..', 'preload', 'preload.cjs'),
    entryUrl: APP_ENTRY_URL,
    title: 'Relais',
  });
  const network = watchNetwork({
    isOnline: () => net.isOnline(),
    send: (online) => mainWindow?.webContents.send(IPC_EVENTS.networkChanged, { online }),
  });
  mainWindow.on('closed', () => {
    network.stop();
    mainWindow = null;
  });
  mainWindow.webContents.on('did-finish-load', () => {
    for (const link of pendingTeamsLinks.splice(0)) forwardTeamsLink(link);
    network.announce();
  });
  // Register as the msteams: handler only for installed builds (a dev run would register the bare
  // Electron binary). Packaged Linux and Windows builds also declare it in their installers.
  if (app.isPackaged) {
    app.setAsDefaultProtocolClient('msteams');
    app.setAsDefaultProtocolClient(APP_SCHEME);
  }
}

if (acquireSingleInstance(app, onSecondInstance)) {
  logging.attachFile(logFile);
  log(
    `${app.getName()} ${app.getVersion()} starting (${process.platform} ${os.release()} ${process.arch}, Electron ${process.versions.electron})`,
  );
  // macOS delivers scheme links as events rather than arguments.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    for (const link of teamsLinksIn([url])) forwardTeamsLink(link);
    finishSsoFromDeepLink(url);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // A promise nobody awaited failed: worth a line in the file an IT department will read.
  process.on('unhandledRejection', log.swallow('a background task', 'error'));
  start().catch((error: unknown) => {
    log.error(`fatal: ${error instanceof Error ? error.message : String(error)}`);
    // The line on disk first: it is the one that explains why the app closed.
    void logFile.flush().finally(() => app.exit(1));
  });
}
