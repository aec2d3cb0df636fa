// A file's upload as its pending row shows it: a bar and the same words for everyone ("Uploading
// report.pdf, 45 %"), the percentage written as the language writes it.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormattingLocale } from '../../i18n/FormattingLocale.ts';
import { uploadFraction, type UploadProgress, type UploadTracker } from '../../matrix/outbox/uploadTracker.ts';
import './uploadProgress.css';

const NO_UPLOADS = { subscribe: () => () => undefined, version: 0 };

/** Re-renders on every upload's progress. */
export function useUploadsVersion(uploads: UploadTracker | undefined): number {
  const source = uploads ?? NO_UPLOADS;
  return useSyncExternalStore(source.subscribe, () => source.version);
}

export function UploadProgressBar({ name, progress }: { name: string; progress: UploadProgress }) {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  const fraction = uploadFraction(progress);
  const percent = Math.round(fraction * 100);
  const label = t('outbox.uploading', {
    name,
    percent: new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100),
  });
  return (
    <div className="upload-progress">
      <p className="pending-status muted small" aria-hidden="true">
        {label}
      </p>
      <div
        className="upload-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="upload-progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
