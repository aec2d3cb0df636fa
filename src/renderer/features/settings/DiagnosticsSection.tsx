// Settings → Export diagnostics: one text file for the IT department (versions, system, what the
// organisation manages, the recent log, all without secrets). The desktop app asks where to save it;
// the web build downloads it. What happened is said in a status line screen readers announce.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/PlatformContext.ts';
import { flushLogs, rendererLogger } from '../../platform/log.ts';
import type { TranslationKey } from '../../i18n/keys.ts';

type ExportStatus = 'idle' | 'exporting' | 'saved' | 'downloaded' | 'cancelled' | 'failed';

const STATUS_TEXT: Record<Exclude<ExportStatus, 'idle' | 'failed'>, TranslationKey> = {
  exporting: 'settings.diagnostics.exporting',
  saved: 'settings.diagnostics.saved',
  downloaded: 'settings.diagnostics.downloaded',
  cancelled: 'settings.diagnostics.cancelled',
};

const log = rendererLogger('settings');

export function DiagnosticsSection() {
  const { t } = useTranslation();
  const platform = usePlatform();
  const [status, setStatus] = useState<ExportStatus>('idle');
  const exporting = status === 'exporting';

  const exportDiagnostics = async () => {
    // aria-disabled rather than disabled: the button keeps the keyboard focus while it works.
    if (exporting) return;
    setStatus('exporting');
    try {
      // The records of the last second are still on their way to the platform: they belong in the file.
      await flushLogs();
      setStatus(await platform.exportDiagnostics(t('settings.diagnostics.dialogTitle')));
    } catch (error) {
      log.error(`diagnostics could not be exported: ${error instanceof Error ? error.message : 'unknown error'}`);
      setStatus('failed');
    }
  };

  return (
    <section aria-labelledby="settings-diagnostics">
      <h3 id="settings-diagnostics" className="settings-heading">
        {t('settings.diagnostics.heading')}
      </h3>
      <p id="settings-diagnostics-hint" className="muted small">
        {t('settings.diagnostics.hint')}
      </p>
      <button
        type="button"
        className="button button-secondary inline"
        aria-describedby="settings-diagnostics-hint"
        aria-disabled={exporting}
        onClick={() => void exportDiagnostics()}
      >
        {t('settings.diagnostics.export')}
      </button>
      {/* Always present, so the announcement of its new text is not missed. */}
      <p className="muted small" role="status">
        {status === 'idle' || status === 'failed' ? '' : t(STATUS_TEXT[status])}
      </p>
      {status === 'failed' ? (
        <p role="alert" className="alert alert-error">
          {t('settings.diagnostics.failed')}
        </p>
      ) : null}
    </section>
  );
}
