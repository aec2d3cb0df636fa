// "Send files": what was pasted, dropped or chosen, before it goes. Each file with its name, size, a
// preview for pictures (an object URL, revoked when the file leaves the list) and Remove; an optional
// caption (one per file when there are several); "Send N files". A refusal (a file over the limit) is
// said here and nothing is lost: the dialog stays with every file and every caption.
import CloseIcon from '@vector-im/compound-design-tokens/assets/web/icons/close';
import DocumentIcon from '@vector-im/compound-design-tokens/assets/web/icons/document';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import type { CaptionedFile } from '../../matrix/sendActions.ts';
import { formatSize } from '../../ui/formatSize.ts';
import './sendFiles.css';

export interface SendFilesDialogProps {
  files: readonly CaptionedFile[];
  onRemove: (index: number) => void;
  onCaption: (index: number, caption: string) => void;
  onCancel: () => void;
  /** Rejects with a message to show when the files cannot be sent as they are. */
  onSend: () => Promise<void>;
  /** Turns a refusal into the sentence shown. */
  describeError: (error: unknown) => string;
}

export function SendFilesDialog({ files, onRemove, onCaption, onCancel, onSend, describeError }: SendFilesDialogProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const captionId = useId();
  const open = files.length > 0;
  // A new set of files starts with no error (state adjusted while rendering).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (!open) setError(null);
  }
  const several = files.length > 1;

  async function send() {
    setBusy(true);
    setError(null);
    try {
      await onSend();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('files.dialogTitle')} open={open} onClose={onCancel}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <ul className="send-files-list" aria-label={t('files.list')}>
          {files.map((entry, index) => (
            <FileRow
              key={`${entry.file.name}-${index}`}
              file={entry.file}
              onRemove={() => onRemove(index)}
              caption={several ? { value: entry.caption, onChange: (text) => onCaption(index, text) } : null}
            />
          ))}
        </ul>
        {files[0] && !several ? (
          <div className="field">
            <label htmlFor={captionId}>{t('files.caption')}</label>
            <textarea
              id={captionId}
              className="send-files-caption"
              rows={2}
              value={files[0].caption}
              onChange={(e) => onCaption(0, e.target.value)}
            />
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary inline" disabled={busy}>
            {t('files.send', { count: files.length })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function FileRow({
  file,
  onRemove,
  caption,
}: {
  file: File;
  onRemove: () => void;
  /** Its own caption field, when the dialog holds several files. */
  caption: { value: string; onChange: (text: string) => void } | null;
}) {
  const { t } = useTranslation();
  const isImage = file.type.startsWith('image/');
  const preview = useObjectUrlOn(isImage ? file : null);
  const captionId = useId();
  return (
    <li className="send-files-item">
      {isImage ? (
        <img ref={preview} className="send-files-preview" alt={t('files.previewAlt', { name: file.name })} />
      ) : (
        <DocumentIcon className="send-files-preview send-files-icon" aria-hidden="true" />
      )}
      <span className="send-files-name">{file.name}</span>
      <span className="muted small">{formatSize(file.size)}</span>
      <button
        type="button"
        className="composer-icon-button"
        aria-label={t('files.remove', { name: file.name })}
        title={t('files.remove', { name: file.name })}
        onClick={onRemove}
      >
        <CloseIcon aria-hidden="true" />
      </button>
      {caption ? (
        <div className="field send-files-item-caption">
          <label htmlFor={captionId}>{t('files.captionFor', { name: file.name })}</label>
          <textarea
            id={captionId}
            className="send-files-caption"
            rows={1}
            value={caption.value}
            onChange={(e) => caption.onChange(e.target.value)}
          />
        </div>
      ) : null}
    </li>
  );
}

/**
 * Shows the file in the image through an object URL while it is in the list, revoked after so the
 * bytes are not kept around. Set on the element directly: the URL is a resource to release, not state.
 */
function useObjectUrlOn(file: File | null) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const image = ref.current;
    if (!file || !image) return;
    const created = URL.createObjectURL(file);
    image.src = created;
    return () => {
      image.removeAttribute('src');
      URL.revokeObjectURL(created);
    };
  }, [file]);
  return ref;
}
