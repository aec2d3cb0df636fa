// The message list, virtualised: only the rows near the viewport are in the DOM, so a room with
// thousands of messages stays smooth and memory stays bounded.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import ArrowDownIcon from '@vector-im/compound-design-tokens/assets/web/icons/arrow-down';
import { useFormattingLocale } from '../../i18n/FormattingLocale.ts';
import type { AvatarCache } from '../../matrix/avatars.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { formatDay } from '../../ui/formatTime.ts';
import type { MessageMenu } from './MessageActions.tsx';
import { MessageRow } from './MessageRow.tsx';
import type { OpenThread } from '../thread/ThreadButtons.tsx';
import { useRovingContent } from './rovingContent.ts';
import { rovingTarget, tabStopIndex } from './timelineKeys.ts';
import { layoutRow } from './timelineLayout.ts';

/** Frames to wait for a row scrolled to to be drawn before giving up on focusing it. */
const FOCUS_FRAMES = 30;

export interface TimelineProps {
  roomName: string;
  items: TimelineItem[];
  onReply: (item: TimelineItem) => void;
  onReact: (item: TimelineItem, key: string) => void;
  onDelete: (item: TimelineItem) => void;
  onEdit: (item: TimelineItem) => void;
  /** The messages' "More options" menu. */
  menu?: MessageMenu;
  /**
   * Asks for older messages; resolves false when the start of the room is reached, rejects when the
   * page could not be loaded (the caller says so; scrolling up tries again).
   */
  onLoadOlder: () => Promise<boolean>;
  /** What the outbox holds for this room, shown after the last message. */
  pending?: ReactNode;
  pendingCount?: number;
  /** The "New messages" line goes above this event (null: none). */
  firstUnreadEventId?: string | null;
  avatars?: AvatarCache;
  /** Told whenever the newest message comes into view or leaves it (the read marker follows it). */
  onBottomInViewChange?: (inView: boolean) => void;
  /** Changed by the caller to bring the reader to the newest message (after sending). */
  followRequest?: number;
  /** The message to bring into view, mark and focus (a search result); loaded by the caller. */
  highlightEventId?: string | null;
  /** The reader went back to the newest message: the marked one is no longer where they are. */
  onLeaveHighlight?: () => void;
  /** Opens a thread's panel ("Reply in thread", a root's summary). */
  onOpenThread?: OpenThread;
}

export function Timeline({
  roomName,
  items,
  onReply,
  onReact,
  onDelete,
  onEdit,
  menu,
  onLoadOlder,
  pending,
  pendingCount = 0,
  firstUnreadEventId = null,
  avatars,
  onBottomInViewChange,
  followRequest = 0,
  highlightEventId = null,
  onLeaveHighlight,
  onOpenThread,
}: TimelineProps) {
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
  const [bottomInView, setBottomInView] = useState(true);
  // Opening a room with unread messages shows where they start rather than the newest one, once.
  const unreadShown = useRef(false);
  const loadingOlder = useRef(false);
  const [atStart, setAtStart] = useState(false);
  // After a failed load, only the reader scrolling asks again: the fill-the-view effect below runs
  // after every render and would otherwise retry in a loop.
  const olderFailed = useRef(false);
  const anchor = useRef<{ count: number; height: number } | null>(null);
  // The message holding the list's tab stop, by event id so it stays put as older pages arrive.
  const [activeId, setActiveId] = useState<string | null>(null);
  const highlightDone = useRef<string | null>(null);

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

  function noteBottom(el: HTMLDivElement) {
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    setBottomInView(stickToBottom.current);
  }

  function scrollToNewest() {
    const el = scrollRef.current;
    // The outbox's rows come after the virtual list: only the scroll height reaches them.
    if (pendingCount > 0 && el) el.scrollTop = el.scrollHeight;
    else if (items.length > 0) virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
  }

  const unreadIndex = firstUnreadEventId ? items.findIndex((i) => i.eventId === firstUnreadEventId) : -1;

  // Follow new messages while the reader is at the bottom; leave them alone while reading history.
  useEffect(() => {
    if (unreadIndex >= 0 && !unreadShown.current) {
      unreadShown.current = true;
      virtualizer.scrollToIndex(unreadIndex, { align: 'start' });
      // A short unread part leaves the view at the bottom with no scroll event: measure it once settled.
      requestAnimationFrame(() => {
        if (scrollRef.current) noteBottom(scrollRef.current);
      });
      return;
    }
    if (stickToBottom.current) scrollToNewest();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scrollToNewest reads the same values
  }, [items.length, pendingCount, virtualizer, unreadIndex]);

  // The person sent something: they want to see it, wherever they were reading.
  useEffect(() => {
    if (followRequest === 0) return;
    stickToBottom.current = true;
    setBottomInView(true);
    scrollToNewest();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request scrolls
  }, [followRequest]);

  useEffect(() => onBottomInViewChange?.(bottomInView), [bottomInView, onBottomInViewChange]);

  // The window resized (or a call stage opened above): a reader at the bottom stays at the bottom.
  useEffect(() => {
    const el = scrollRef.current;
    // jsdom (the shell's integration tests) has no ResizeObserver; every browser and Electron does.
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useRovingContent(scrollRef);

  /** Scrolls to a message and focuses it once the virtual list has drawn it. */
  function focusItem(index: number, align: 'auto' | 'center') {
    const item = items[index];
    if (!item) return;
    setActiveId(item.eventId);
    virtualizer.scrollToIndex(index, { align });
    let frames = 0;
    const attempt = () => {
      const row = drawnItem(scrollRef.current, item.eventId);
      if (row) {
        row.focus({ preventScroll: align === 'center' });
        // Landed near the newest message: no scroll may follow to say so (Jump to latest would stay).
        if (scrollRef.current) noteBottom(scrollRef.current);
      } else if (frames++ < FOCUS_FRAMES) requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
  }

  const highlightIndex = highlightEventId ? items.findIndex((i) => i.eventId === highlightEventId) : -1;

  // A search result: its message comes into view, in the middle, and takes the focus so a screen reader
  // says where the reader now is. Once per request; the live end no longer pulls the view down.
  useEffect(() => {
    if (!highlightEventId) {
      highlightDone.current = null;
      return;
    }
    if (highlightIndex < 0 || highlightDone.current === highlightEventId) return;
    highlightDone.current = highlightEventId;
    unreadShown.current = true;
    stickToBottom.current = false;
    setBottomInView(false);
    focusItem(highlightIndex, 'center');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focusItem reads the same values
  }, [highlightEventId, highlightIndex]);

  const drawn = virtualizer.getVirtualItems();
  const activeIndex = activeId ? items.findIndex((i) => i.eventId === activeId) : -1;
  const tabStop = tabStopIndex(activeIndex, items.length, drawn[0]?.index, drawn.at(-1)?.index);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Only on a message itself: the arrows keep their meaning in its buttons and links.
    const target = event.target;
    if (!(target instanceof HTMLElement) || !target.classList.contains('timeline-item')) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const current = items.findIndex((i) => i.eventId === rowEventId(target));
    const next = rovingTarget(event.key, current, items.length);
    if (next === null || current < 0) return;
    event.preventDefault();
    focusItem(next, 'auto');
  }

  // Focus arriving in a message any way (pointer, Tab, a button inside) moves the tab stop there.
  function onFocus(event: FocusEvent<HTMLDivElement>) {
    const id = event.target instanceof HTMLElement ? rowEventId(event.target) : null;
    if (id && id !== activeId) setActiveId(id);
  }

  return (
    <div className="timeline-frame">
      <div
        ref={scrollRef}
        className="timeline"
        role="log"
        aria-label={roomName}
        aria-live="polite"
        // Messages hold the tab stop; an empty list keeps one so the region can still be reached.
        tabIndex={items.length === 0 ? 0 : -1}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onScroll={(e) => {
          const el = e.currentTarget;
          noteBottom(el);
          maybeLoadOlder(el, true);
        }}
      >
        {items.length === 0 && pendingCount === 0 ? <p className="muted timeline-empty">{t('room.noMessages')}</p> : null}
        {atStart && items.length > 0 ? <p className="muted small timeline-start">{t('room.start')}</p> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {drawn.map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const layout = layoutRow(item, items[row.index - 1], firstUnreadEventId);
            return (
              <div
                key={row.key}
                data-index={row.index}
                data-event-id={item.eventId}
                ref={virtualizer.measureElement}
                className="timeline-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                {layout.newDay ? <DaySeparator timestamp={item.timestamp} /> : null}
                {layout.firstUnread ? <UnreadSeparator /> : null}
                <MessageRow
                  item={item}
                  continuation={layout.continuation}
                  avatars={avatars}
                  onReply={onReply}
                  onReact={onReact}
                  onDelete={onDelete}
                  onEdit={onEdit}
                  menu={menu}
                  tabStop={row.index === tabStop}
                  highlighted={row.index === highlightIndex}
                  onOpenThread={onOpenThread}
                />
              </div>
            );
          })}
        </div>
        {pending}
      </div>
      {bottomInView || items.length === 0 ? null : (
        <button
          type="button"
          className="jump-to-latest"
          onClick={() => {
            stickToBottom.current = true;
            setBottomInView(true);
            onLeaveHighlight?.();
            scrollToNewest();
            // The button goes away with the click: the focus goes to the newest message rather than nowhere.
            if (items.length > 0) focusItem(items.length - 1, 'auto');
          }}
        >
          <ArrowDownIcon aria-hidden="true" />
          {t('timeline.jumpToLatest')}
        </button>
      )}
    </div>
  );
}

/** The focusable message of a drawn row (event ids hold characters a CSS selector would need escaped). */
function drawnItem(list: HTMLElement | null, eventId: string): HTMLElement | null {
  const row = [...(list?.querySelectorAll<HTMLElement>('.timeline-row') ?? [])].find((r) => r.dataset.eventId === eventId);
  return row?.querySelector<HTMLElement>('.timeline-item') ?? null;
}

function rowEventId(element: HTMLElement): string | null {
  return element.closest<HTMLElement>('.timeline-row')?.dataset.eventId ?? null;
}

function DaySeparator({ timestamp }: { timestamp: number }) {
  const label = formatDay(timestamp, useFormattingLocale());
  return (
    <div className="day-separator" role="separator" aria-label={label}>
      <span aria-hidden="true">{label}</span>
    </div>
  );
}

function UnreadSeparator() {
  const { t } = useTranslation();
  return (
    <div className="unread-separator" role="separator" aria-label={t('timeline.newMessages')}>
      <span aria-hidden="true">{t('timeline.newMessages')}</span>
    </div>
  );
}
