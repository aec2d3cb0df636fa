// Operations waiting in the outbox, shown at the end of the room's timeline: what is waiting, what
// is being sent, and what failed for good, with Retry and Delete. Nothing leaves the outbox unseen.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../matrix/outbox/outboxState.ts';
import type { UploadTracker } from '../../matrix/outbox/uploadTracker.ts';
import { UploadProgressBar, useUploadsVersion } from './UploadProgressBar.tsx';

export interface PendingRowsProps {
  entries: readonly OutboxEntry[];
  offline: boolean;
  onRetry: (txnId: string) => void;
  onDelete: (txnId: string) => void;
  /** Files being uploaded: a progress bar while they go. */
  uploads?: UploadTracker | undefined;
  /** Cancel on a file not sent yet (waiting or uploading): nothing is sent afterwards. */
  onCancel?: ((txnId: string) => void) | undefined;
}

export function PendingRows({ entries, offline, onRetry, onDelete, uploads, onCancel }: PendingRowsProps) {
  const { t } = useTranslation();
  useUploadsVersion(uploads);
  if (entries.length === 0) return null;
  return (
    <ol className="pending-rows" aria-label={t('outbox.listLabel')}>
      {entries.map((entry) => {
        const description = describe(entry, t);
        const progress = entry.kind === 'file' ? uploads?.progressOf(entry.txnId) : undefined;
        const status =
          entry.state === 'failed'
            ? t(`outbox.failed.${entry.failure ?? 'rejected'}`)
            : entry.state === 'sending'
              ? t('outbox.sending')
              : offline
                ? t('outbox.waitingOffline')
                : t('outbox.waiting');
        return (
          <li
            key={entry.txnId}
            className={`message message-mine message-pending${entry.state === 'failed' ? ' message-failed' : ''}`}
          >
            <p className="message-body">{description}</p>
            {progress ? (
              <UploadProgressBar name={fileName(entry)} progress={progress} />
            ) : (
              <p
                className={entry.state === 'failed' ? 'pending-status pending-status-failed small' : 'pending-status muted small'}
              >
                {status}
              </p>
            )}
            {entry.kind === 'file' && entry.state !== 'failed' && onCancel ? (
              <div className="message-actions message-actions-visible">
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => onCancel(entry.txnId)}
                  aria-label={t('outbox.cancelUploadLabel', { name: fileName(entry) })}
                >
                  {t('outbox.cancelUpload')}
                </button>
              </div>
            ) : null}
            {entry.state === 'failed' ? (
              <div className="message-actions message-actions-visible">
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => onRetry(entry.txnId)}
                  aria-label={t('outbox.retryLabel', { text: description })}
                >
                  {t('outbox.retry')}
                </button>
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => onDelete(entry.txnId)}
                  aria-label={t('outbox.deleteLabel', { text: description })}
                >
                  {t('outbox.delete')}
                </button>
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

function describe(entry: OutboxEntry, t: TFunction): string {
  const content = entry.content as {
    body?: unknown;
    name?: unknown;
    'm.new_content'?: { body?: unknown };
    'm.relates_to'?: { key?: unknown };
  };
  switch (entry.kind) {
    case 'message':
    case 'reply':
      return typeof content.body === 'string' ? content.body : '';
    case 'edit':
      return t('outbox.edit', { text: typeof content['m.new_content']?.body === 'string' ? content['m.new_content'].body : '' });
    case 'reaction':
      return t('outbox.reaction', { key: typeof content['m.relates_to']?.key === 'string' ? content['m.relates_to'].key : '' });
    case 'redaction':
      return t('outbox.redaction');
    case 'file':
      return t('outbox.file', { name: typeof content.name === 'string' ? content.name : '' });
  }
}

function fileName(entry: OutboxEntry): string {
  const name = (entry.content as { name?: unknown }).name;
  return typeof name === 'string' ? name : '';
}
