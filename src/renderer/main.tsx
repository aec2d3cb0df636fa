import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App.tsx';
import { PlatformContext } from './app/PlatformContext.ts';
import { initI18n } from './i18n/i18n.ts';
import { detectPlatform } from './platform/detectPlatform.ts';
import './styles.css';

async function boot(): Promise<void> {
  const platform = detectPlatform(window);
  const languages = await platform.preferredLanguages().catch(() => [...navigator.languages]);
  const i18n = await initI18n(languages);
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  // A homeserver can be suggested by the page URL (?hs=…) — the demo and tests use it.
  const defaultHomeserver = new URLSearchParams(window.location.search).get('hs') ?? '';
  createRoot(root).render(
    <StrictMode>
      <PlatformContext.Provider value={platform}>
        <I18nextProvider i18n={i18n}>
          <App defaultHomeserver={defaultHomeserver} />
        </I18nextProvider>
      </PlatformContext.Provider>
    </StrictMode>,
  );
}

void boot();
