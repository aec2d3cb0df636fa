// The files waiting in the "Send files" dialog, whichever way they came (the Attach button, a paste,
// a drop on the room), and how they are sent: together with a caption when the room supports it,
// one by one through the older single-file callback otherwise.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentTooLargeError } from '../../matrix/attachments.ts';
import { formatSize } from '../../ui/formatSize.ts';

export interface ComposerFileSenders {
  onAttach: (file: File) => Promise<void>;
  onAttachFiles?: ((files: File[], caption: string) => Promise<void>) | undefined;
}

export function useComposerFiles({ onAttach, onAttachFiles }: ComposerFileSenders) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  return {
    files,
    add: (added: readonly File[]) => {
      if (added.length > 0) setFiles((current) => [...current, ...added]);
    },
    remove: (index: number) => setFiles((current) => current.filter((_, i) => i !== index)),
    clear: () => setFiles([]),
    /** Sends them all; on a refusal they stay, for the dialog to say why. */
    send: async (caption: string) => {
      if (onAttachFiles) await onAttachFiles(files, caption);
      else for (const file of files) await onAttach(file);
      setFiles([]);
    },
    describeError: (error: unknown): string =>
      error instanceof AttachmentTooLargeError
        ? t('composer.fileTooLarge', { name: error.fileName, size: formatSize(error.size), limit: formatSize(error.limit) })
        : t('composer.uploadFailed', { name: files[0]?.name ?? '' }),
  };
}

/** The files a paste or a drop carries (pictures copied from another app arrive as files too). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  return Array.from(data.files);
}
