// The files waiting in the "Send files" dialog, whichever way they came (the Attach button, a paste,
// a drop on the room or the thread), each with its own caption, and how they are sent: all together,
// by the room's or the thread's sender.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentTooLargeError } from '../../matrix/attachments.ts';
import type { CaptionedFile } from '../../matrix/sendActions.ts';
import { formatSize } from '../../ui/formatSize.ts';

export type SendComposerFiles = (files: readonly CaptionedFile[]) => Promise<void>;

export function useComposerFiles(onAttachFiles: SendComposerFiles) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<CaptionedFile[]>([]);
  return {
    files,
    add: (added: readonly File[]) => {
      if (added.length > 0) setFiles((current) => [...current, ...added.map((file) => ({ file, caption: '' }))]);
    },
    remove: (index: number) => setFiles((current) => current.filter((_, i) => i !== index)),
    setCaption: (index: number, caption: string) =>
      setFiles((current) => current.map((entry, i) => (i === index ? { ...entry, caption } : entry))),
    clear: () => setFiles([]),
    /** Sends them all; on a refusal they stay, captions included, for the dialog to say why. */
    send: async () => {
      await onAttachFiles(files.map(({ file, caption }) => ({ file, caption: caption.trim() })));
      setFiles([]);
    },
    describeError: (error: unknown): string =>
      error instanceof AttachmentTooLargeError
        ? t('composer.fileTooLarge', { name: error.fileName, size: formatSize(error.size), limit: formatSize(error.limit) })
        : t('composer.uploadFailed', { name: files[0]?.file.name ?? '' }),
  };
}

/** The files a paste or a drop carries (pictures copied from another app arrive as files too). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  return Array.from(data.files);
}
