// @vitest-environment jsdom
// Settings → Export diagnostics: the button, what it says while and after it works (EN and FR), on
// the web platform (a download holding the recent log) and on the desktop bridge (saved, cancelled,
// failed), from the keyboard.
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlatformContext } from '../../../../../src/renderer/app/PlatformContext.ts';
import { DiagnosticsSection } from '../../../../../src/renderer/features/settings/DiagnosticsSection.tsx';
import { ElectronPlatform } from '../../../../../src/renderer/platform/ElectronPlatform.ts';
import { connectLogs, rendererLogger } from '../../../../../src/renderer/platform/log.ts';
import type { Platform } from '../../../../../src/renderer/platform/Platform.ts';
import { WebPlatform } from '../../../../../src/renderer/platform/WebPlatform.ts';
import { createPreloadApi, unwrapBridge } from '../../../../../src/shared/ipc/bridge.ts';
import { IPC_CHANNELS, type IpcChannel } from '../../../../../src/shared/ipc/channels.ts';
import { renderIn, type TestLanguage } from '../../../support/i18nWrapper.tsx';

afterEach(cleanup);

async function show(platform: Platform, language: TestLanguage = 'en') {
  await renderIn(
    language,
    <PlatformContext.Provider value={platform}>
      <DiagnosticsSection />
    </PlatformContext.Provider>,
  );
}

/** The desktop platform over the real bridge code; `answer` stands in for main's exportDiagnostics. */
function desktop(answer: () => Promise<unknown>) {
  const calls: unknown[] = [];
  const invoke = (channel: IpcChannel, request: unknown): Promise<unknown> => {
    if (channel === IPC_CHANNELS.exportDiagnostics) {
      calls.push(request);
      return answer();
    }
    return Promise.resolve({ ok: true, value: { accepted: 0, dropped: 0 } });
  };
  return { platform: new ElectronPlatform(unwrapBridge(createPreloadApi(invoke))), calls };
}

describe('DiagnosticsSection', () => {
  it('downloads, in the web build, a file with what the app logged (redacted), and says so', async () => {
    const download = vi.fn<(fileName: string, text: string) => void>();
    const web = new WebPlatform({
      languages: ['en'],
      open: () => undefined,
      download,
      about: { version: '9.9.9', userAgent: 'UA', platform: 'Linux', locale: 'en' },
    });
    connectLogs(web, { console: null });
    rendererLogger('test').warn('sync failed for GET /sync?access_token=syt_dGVzdA_abcdef_123');
    await show(web);

    expect(screen.getByRole('heading', { name: 'Diagnostics' })).toBeDefined();
    const button = screen.getByRole('button', { name: 'Export diagnostics' });
    expect(button.getAttribute('aria-describedby')).toBe('settings-diagnostics-hint');
    await userEvent.click(button);

    expect(await screen.findByText('Diagnostics file downloaded.')).toBeDefined();
    expect(screen.getByRole('status').textContent).toBe('Diagnostics file downloaded.');
    const [fileName, text] = download.mock.calls[0] ?? [];
    expect(fileName).toMatch(/^relais-diagnostics-.*\.txt$/);
    expect(text).toContain('Version: 9.9.9');
    expect(text).toContain('WARN  [test] sync failed for GET /sync?access_token=[redacted]');
    expect(text).not.toContain('syt_dGVzdA');
  });

  it('asks main to save, with the dialog titled in the user’s language, and says it was saved (French)', async () => {
    const { platform, calls } = desktop(() => Promise.resolve({ ok: true, value: { saved: true } }));
    await show(platform, 'fr');
    const button = screen.getByRole('button', { name: 'Exporter le diagnostic' });
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('Fichier de diagnostic enregistré.')).toBeDefined();
    expect(calls).toEqual([{ dialogTitle: 'Exporter le diagnostic' }]);
    expect(document.activeElement).toBe(button);
  });

  it('says nothing was saved when the save dialog is cancelled', async () => {
    const { platform } = desktop(() => Promise.resolve({ ok: true, value: { saved: false } }));
    await show(platform);
    await userEvent.click(screen.getByRole('button', { name: 'Export diagnostics' }));
    expect(await screen.findByText('Export cancelled: nothing was saved.')).toBeDefined();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an alert when the export fails, and a second click tries again', async () => {
    let fail = true;
    const { platform, calls } = desktop(() =>
      Promise.resolve(
        fail ? { ok: false, error: { code: 'internal', message: 'EACCES' } } : { ok: true, value: { saved: true } },
      ),
    );
    await show(platform);
    const button = screen.getByRole('button', { name: 'Export diagnostics' });
    await userEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe('The diagnostics file could not be made. Try again.');
    fail = false;
    await userEvent.click(button);
    expect(await screen.findByText('Diagnostics file saved.')).toBeDefined();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('says it is working, and ignores more clicks until it is done', async () => {
    let finish: (value: unknown) => void = () => undefined;
    const { platform, calls } = desktop(() => new Promise((resolve) => (finish = resolve)));
    await show(platform);
    const button = screen.getByRole('button', { name: 'Export diagnostics' });
    await userEvent.click(button);
    expect(await screen.findByText('Preparing the diagnostics file…')).toBeDefined();
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await userEvent.click(button);
    await act(async () => {
      finish({ ok: true, value: { saved: true } });
      await Promise.resolve();
    });
    expect(await screen.findByText('Diagnostics file saved.')).toBeDefined();
    expect(button.getAttribute('aria-disabled')).toBe('false');
    expect(calls).toHaveLength(1);
  });
});
