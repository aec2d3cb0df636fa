// The message list, virtualised: only the rows near the viewport are in the DOM, so a room with
// thousands of messages stays smooth and memory stays bounded.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { MessageRow } from './MessageRow.tsx';

export interface TimelineProps {
  roomName: string;
  items: TimelineItem[];
  onReply: (item: TimelineItem) => void;
  onReact: (item: TimelineItem, key: string) => void;
  onDelete: (item: TimelineItem) => void;
  /**
   * Asks for older messages; resolves false when the start of the room is reached, rejects when the
   * page could not be loaded (the caller says so; scrolling up tries again).
   */
  onLoadOlder: () => Promise<boolean>;
  /** What the outbox holds for this room, shown after the last message. */
  pending?: ReactNode;
  pendingCount?: number;
}

export function Timeline({ roomName, items, onReply, onReact, onDelete, onLoadOlder, pending, pendingCount = 0 }: TimelineProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  // We do not use the React Compiler, whose memoisation this warning is about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 12,
    getItemKey: (index) => items[index]?.eventId ?? index,
  });
  const stickToBottom = useRef(true);
  const loadingOlder = useRef(false);
  const [atStart, setAtStart] = useState(false);
  // After a failed load, only the reader scrolling asks again: the fill-the-view effect below runs
  // after every render and would otherwise retry in a loop.
  const olderFailed = useRef(false);
  const anchor = useRef<{ count: number; height: number } | null>(null);

  // Older messages were prepended: keep the reader's place instead of jumping.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!anchor.current || !el || items.length === anchor.current.count) return;
    el.scrollTop += virtualizer.getTotalSize() - anchor.current.height;
    anchor.current = null;
  }, [items.length, virtualizer]);

  function maybeLoadOlder(el: HTMLDivElement, byReader: boolean) {
    if (el.scrollTop > 400 || loadingOlder.current || atStart || (olderFailed.current && !byReader)) return;
    loadingOlder.current = true;
    anchor.current = { count: items.length, height: virtualizer.getTotalSize() };
    void onLoadOlder()
      .then(
        (more) => {
          olderFailed.current = false;
          setAtStart(!more);
        },
        () => {
          olderFailed.current = true;
          anchor.current = null;
        },
      )
      .finally(() => (loadingOlder.current = false));
  }

  // A timeline too short to scroll gets no scroll events: fetch older messages until it fills the view
  // or the room's start is reached (a room just joined under sliding sync arrives with its last event only).
  useEffect(() => {
    const el = scrollRef.current;
    if (el && el.scrollHeight <= el.clientHeight) maybeLoadOlder(el, false);
  });

  // Follow new messages while the reader is at the bottom; leave them alone while reading history.
  useEffect(() => {
    if (!stickToBottom.current) return;
    const el = scrollRef.current;
    if (pendingCount > 0 && el) el.scrollTop = el.scrollHeight;
    else if (items.length > 0) virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
  }, [items.length, pendingCount, virtualizer]);

  return (
    <div
      ref={scrollRef}
      className="timeline"
      role="log"
      aria-label={roomName}
      aria-live="polite"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        maybeLoadOlder(el, true);
      }}
    >
      {items.length === 0 && pendingCount === 0 ? <p className="muted timeline-empty">{t('room.noMessages')}</p> : null}
      {atStart && items.length > 0 ? <p className="muted small timeline-start">{t('room.start')}</p> : null}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (!item) return null;
          const previous = items[row.index - 1];
          return (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="timeline-row"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              {!previous || !sameDay(previous.timestamp, item.timestamp) ? <DaySeparator timestamp={item.timestamp} /> : null}
              <MessageRow item={item} onReply={onReply} onReact={onReact} onDelete={onDelete} />
            </div>
          );
        })}
      </div>
      {pending}
    </div>
  );
}

function DaySeparator({ timestamp }: { timestamp: number }) {
  const { i18n } = useTranslation();
  const label = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(timestamp);
  return (
    <div className="day-separator" role="separator" aria-label={label}>
      <span aria-hidden="true">{label}</span>
    </div>
  );
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}
