// The ways into threads from the room: "Reply in thread" on a message, the summary under a thread's
// root ("3 replies"), and "Threads" in the room header, with how many have unread replies.
import ThreadsIcon from '@vector-im/compound-design-tokens/assets/web/icons/threads';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../matrix/timeline.ts';
import './thread.css';

/** Who opened a panel: focus goes back to it (or to its message) when the panel closes. */
export type OpenThread = (rootId: string, opener: HTMLElement | null) => void;

export function ThreadToolbarButton({ item, tabIndex, onOpen }: { item: TimelineItem; tabIndex: number; onOpen: OpenThread }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="message-toolbar-button"
      tabIndex={tabIndex}
      onClick={(event) => onOpen(item.eventId, event.currentTarget)}
      aria-label={t('thread.replyInThread')}
      title={t('thread.replyInThread')}
    >
      <ThreadsIcon aria-hidden="true" />
    </button>
  );
}

export function ThreadSummaryButton({ item, tabIndex, onOpen }: { item: TimelineItem; tabIndex: number; onOpen: OpenThread }) {
  const { t } = useTranslation();
  const summary = item.thread;
  if (!summary) return null;
  return (
    <button
      type="button"
      className="thread-summary"
      tabIndex={tabIndex}
      onClick={(event: MouseEvent<HTMLButtonElement>) => onOpen(item.eventId, event.currentTarget)}
    >
      <ThreadsIcon aria-hidden="true" className="thread-summary-icon" />
      <span className="thread-summary-count">{t('thread.replies', { count: summary.replyCount })}</span>
      <span className="thread-summary-latest">{t('thread.latestBy', { name: summary.latest.senderName })}</span>
    </button>
  );
}

export interface ThreadsHeaderButtonProps {
  unreadThreads: number;
  open: boolean;
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
}

export function ThreadsHeaderButton({ unreadThreads, open, onClick }: ThreadsHeaderButtonProps) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button button-secondary thread-header-button"
      aria-expanded={open}
      onClick={onClick}
      // The badge's number alone would say nothing to a screen reader: the name says what it counts.
      aria-label={unreadThreads > 0 ? t('thread.listWithUnread', { count: unreadThreads }) : undefined}
      title={t('thread.list')}
    >
      <ThreadsIcon aria-hidden="true" className="button-icon" />
      <span className="button-label">{t('thread.list')}</span>
      {unreadThreads > 0 ? (
        <span className="thread-badge" aria-hidden="true">
          {unreadThreads}
        </span>
      ) : null}
    </button>
  );
}
