// The one application window, with every web preference that keeps the renderer boxed in.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowOptions {
  preloadPath: string;
  entryUrl: string;
  title: string;
}

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    title: options.title,
    show: false,
    backgroundColor: '#f6f7fb',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      safeDialogs: true,
    },
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  window.once('ready-to-show', () => window.show());
  // A load failure shows as an empty window; it must not become an unhandled rejection in main.
  window.loadURL(options.entryUrl).catch((error: unknown) => {
    process.stderr.write(`window: could not load the app (${error instanceof Error ? error.message : 'unknown error'})\n`);
  });
  return window;
}
