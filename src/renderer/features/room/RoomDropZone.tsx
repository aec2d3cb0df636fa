// Dropping files anywhere on the room, or on a thread's panel: while files are dragged over it, a drop
// zone says "Drop files to send"; dropped, they go to that composer's "Send files" dialog. The
// innermost target takes them (a thread's panel sits inside the room): events stop there.
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { filesOf } from './useComposerFiles.ts';
import './roomDropZone.css';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

export type FileDropHandlers = ReturnType<typeof useRoomFileDrop>['handlers'];

export function useRoomFileDrop() {
  const [dragging, setDragging] = useState(false);
  const [dropped, setDropped] = useState<{ files: readonly File[]; seq: number } | null>(null);
  // dragenter and dragleave fire for every child crossed: count them to know when the pointer left.
  const depth = useRef(0);
  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.stopPropagation();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.stopPropagation();
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.stopPropagation();
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.stopPropagation();
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = filesOf(event.dataTransfer);
      if (files.length > 0) setDropped((previous) => ({ files, seq: (previous?.seq ?? 0) + 1 }));
    },
  };
  return { dragging, dropped, handlers };
}

export function RoomDropZone({ visible }: { visible: boolean }) {
  const { t } = useTranslation();
  if (!visible) return null;
  return (
    <div className="room-drop-zone" role="status">
      <p>{t('files.dropHere')}</p>
    </div>
  );
}
