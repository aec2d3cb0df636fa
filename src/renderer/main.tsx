// First, before any schema is used.
import './zodConfig.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App.tsx';
import { initialHomeserver, loadAppConfig } from './app/appConfig.ts';
import { AppConfigContext } from './app/AppConfigContext.ts';
import { applyMachinePolicy } from './app/policyOverlay.ts';
import { loadManagedSettings, ManagedSettingsContext } from './app/ManagedSettingsContext.ts';
import { PlatformContext } from './app/PlatformContext.ts';
import { ConfigProblemScreen } from './features/signin/ConfigProblemScreen.tsx';
import { initI18n } from './i18n/i18n.ts';
import { PreferredLanguagesContext } from './i18n/FormattingLocale.ts';
import { detectPlatform } from './platform/detectPlatform.ts';
import { connectLogs, flushLogs, rendererLogger, setLogLevel } from './platform/log.ts';
import { installIceGuard } from './platform/iceGuard.ts';
import { egressFilterFromRules } from '../shared/policy/egress.ts';
import { warmUpCrypto } from './matrix/cryptoWarmUp.ts';
import { markStartup } from './platform/startupMarks.ts';
import { readKeychainAtStartup } from './matrix/session.ts';
// Compound's component styles first: styles.css comes after and wins where both style an element.
import './ui/compound/compound.css';
import './styles.css';

const log = rendererLogger('app');

async function boot(): Promise<void> {
  markStartup('boot');
  warmUpCrypto();
  const platform = detectPlatform(window);
  connectLogs(platform);
  // The keychain is the slowest read of a warm start (a round trip to the OS's secret service each):
  // begun now, it overlaps the settings below instead of following the first render.
  const keychainAtStart = readKeychainAtStartup(platform);
  keychainAtStart.catch(() => undefined); // restore() awaits it and handles its failure
  // Whatever nothing else caught still reaches the log (and Export diagnostics).
  window.addEventListener('error', (event) => log.error(`uncaught error: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => log.swallow('a task nobody waited for', 'error')(event.reason));
  window.addEventListener('pagehide', () => void flushLogs());
  const [languages, loadedConfig, managed, userSettings] = await Promise.all([
    platform.preferredLanguages().catch(() => [...navigator.languages]),
    loadAppConfig((input, init) => fetch(input, init)),
    // The only read of machine policy: provided below to the whole tree, sign-in screen included.
    loadManagedSettings(platform, rendererLogger('policy').error),
    platform.userSettings().catch(() => null),
  ]);
  markStartup('settings-read');
  setLogLevel(managed.settings.logLevel);
  log(`started (${platform.kind}), machine policy: ${managed.mode}`);
  // WebRTC is invisible to main's request filter: the egress policy is applied to ICE servers here,
  // before any call can start (platform/iceGuard.ts).
  if (managed.egress.mode !== 'unmanaged') {
    installIceGuard(window, {
      filter: egressFilterFromRules(managed.egress),
      policyServers: managed.settings.calls.iceServers,
      log: rendererLogger('ice').warn,
    });
  }
  const appConfig =
    loadedConfig.kind === 'ok' ? { ...loadedConfig, config: applyMachinePolicy(loadedConfig.config, managed) } : loadedConfig;
  // A language the user chose in Relais wins over the system's.
  const chosen = userSettings?.language;
  const i18n = await initI18n(chosen ? [chosen, ...languages] : languages);
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <PlatformContext.Provider value={platform}>
        <ManagedSettingsContext.Provider value={managed}>
          <I18nextProvider i18n={i18n}>
            <PreferredLanguagesContext.Provider value={languages}>
              {appConfig.kind === 'ok' ? (
                <AppConfigContext.Provider value={appConfig.config}>
                  {/* A homeserver can be suggested by the page URL (?hs=…): the demo and tests use it. */}
                  <App
                    defaultHomeserver={initialHomeserver(appConfig.config, window.location.search)}
                    keychainAtStart={keychainAtStart}
                  />
                </AppConfigContext.Provider>
              ) : (
                // An unusable config.json: no session is restored and nothing connects until it is fixed.
                <ConfigProblemScreen problems={appConfig.problems} />
              )}
            </PreferredLanguagesContext.Provider>
          </I18nextProvider>
        </ManagedSettingsContext.Provider>
      </PlatformContext.Provider>
    </StrictMode>,
  );
  markStartup('rendered');
}

boot().catch((error: unknown) => log.swallow('starting the app', 'error')(error));
