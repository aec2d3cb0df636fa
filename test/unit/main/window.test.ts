import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow, mainWindowOptions } from '../../../src/main/window.main.ts';

const fake = vi.hoisted(() => {
  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = [];
    readonly onceListeners = new Map<string, () => void>();
    readonly loadURL = vi.fn<(url: string) => Promise<void>>(() => Promise.resolve());
    readonly show = vi.fn();
    readonly options: unknown;
    constructor(options: unknown) {
      this.options = options;
      FakeBrowserWindow.instances.push(this);
    }
    once(event: string, listener: () => void): this {
      this.onceListeners.set(event, listener);
      return this;
    }
  }
  return { FakeBrowserWindow };
});

// window.main.ts imports BrowserWindow at runtime; Electron cannot run here.
vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow }));

const OPTIONS = { preloadPath: '/opt/relais/preload/preload.cjs', entryUrl: 'relais://app/index.html', title: 'Relais' };

beforeEach(() => {
  fake.FakeBrowserWindow.instances.length = 0;
});

describe('mainWindowOptions', () => {
  const options = mainWindowOptions(OPTIONS);
  const web = options.webPreferences ?? {};

  it('boxes the renderer in', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.safeDialogs).toBe(true);
  });

  it('does not enable risky preferences at all', () => {
    const record = web as Record<string, unknown>;
    for (const risky of ['experimentalFeatures', 'enableBlinkFeatures', 'additionalArguments', 'partition', 'devTools']) {
      expect(record[risky], risky).toBeUndefined();
    }
  });

  it('sets the preload path and title, and waits for ready-to-show', () => {
    expect(web.preload).toBe(OPTIONS.preloadPath);
    expect(options.title).toBe('Relais');
    expect(options.show).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('constructs a BrowserWindow with the hardened options and loads the entry URL', () => {
    const window = createMainWindow(OPTIONS);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    const instance = fake.FakeBrowserWindow.instances[0]!;
    expect(window).toBe(instance);
    expect(instance.options).toEqual(mainWindowOptions(OPTIONS));
    expect(instance.loadURL).toHaveBeenCalledExactlyOnceWith('relais://app/index.html');
  });

  it('shows the window only once it is ready to show', () => {
    createMainWindow(OPTIONS);
    const instance = fake.FakeBrowserWindow.instances[0]!;
    expect(instance.show).not.toHaveBeenCalled();
    const ready = instance.onceListeners.get('ready-to-show');
    expect(ready).toBeTypeOf('function');
    ready?.();
    expect(instance.show).toHaveBeenCalledTimes(1);
  });
});
