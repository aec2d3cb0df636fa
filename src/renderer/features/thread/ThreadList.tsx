// The "Threads" side panel: the room's threads from the server (roots far back in history too) merged
// with the live timeline, most recently active first, each with its root, how many replies, when the
// latest came, and how many I have not read. "All threads" / "My threads" as in Element; "Load more"
// pages on; offline it shows what is known and says so. Choosing a thread opens it.
import type { Room } from 'matrix-js-sdk';
import { useTranslation } from 'react-i18next';
import { SidePanel } from '../../ui/SidePanel.tsx';
import { useClient } from '../../app/SessionContext.ts';
import { useFormattingLocale } from '../../i18n/FormattingLocale.ts';
import { buildThreadTimeline } from '../../matrix/timeline.ts';
import type { ListedThread, LiveThreads, ThreadListFilter } from '../../matrix/threadList.ts';
import { formatTime } from '../../ui/formatTime.ts';
import type { OpenThread } from './ThreadButtons.tsx';
import { useThreadList } from './useThreadList.ts';
import './thread.css';

export interface ThreadListProps {
  room: Room;
  live: LiveThreads;
  onOpen: OpenThread;
  onClose: () => void;
}

const FILTERS: readonly ThreadListFilter[] = ['all', 'participated'];

export function ThreadList({ room, live, onOpen, onClose }: ThreadListProps) {
  const { t } = useTranslation();
  const list = useThreadList(room, live);
  const empty = list.threads.length === 0;
  return (
    <SidePanel title={t('thread.list')} onClose={onClose} closeLabel={t('thread.close')}>
      <div className="thread-list-body">
        <div className="thread-list-filter" role="group" aria-label={t('thread.filterLabel')}>
          {FILTERS.map((filter) => (
            <button
              key={filter}
              type="button"
              className="thread-list-filter-button"
              aria-pressed={list.filter === filter}
              onClick={() => list.setFilter(filter)}
            >
              {t(filter === 'all' ? 'thread.filterAll' : 'thread.filterMine')}
            </button>
          ))}
        </div>
        {list.incomplete ? (
          <p className="thread-list-incomplete small" role="status">
            {t('thread.mayBeIncomplete')}{' '}
            <button type="button" className="link-button small" onClick={list.loadMore}>
              {t('thread.retry')}
            </button>
          </p>
        ) : null}
        {empty && !list.loading ? (
          <p className="thread-list-empty muted">{t(list.filter === 'all' ? 'thread.none' : 'thread.noneMine')}</p>
        ) : null}
        {empty ? null : (
          <ul className="thread-list">
            {list.threads.map((thread) => (
              <li key={thread.rootId}>
                <ThreadListEntry room={room} thread={thread} onOpen={onOpen} />
              </li>
            ))}
          </ul>
        )}
        {list.loading ? (
          <p className="thread-list-loading muted small" role="status">
            {t('thread.loading')}
          </p>
        ) : list.hasMore ? (
          <button type="button" className="button button-secondary thread-list-more" onClick={list.loadMore}>
            {t('thread.loadMore')}
          </button>
        ) : null}
      </div>
    </SidePanel>
  );
}

function ThreadListEntry({ room, thread, onOpen }: { room: Room; thread: ListedThread; onOpen: OpenThread }) {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  const me = useClient().getSafeUserId();
  // The timeline's root when it is loaded (edits and decryption applied), else the server's.
  const loaded = buildThreadTimeline(room, me, thread.rootId).root;
  const root = loaded ? { senderName: loaded.senderName, body: loaded.body } : thread.root;
  return (
    <button type="button" className="thread-list-entry" onClick={(e) => onOpen(thread.rootId, e.currentTarget)}>
      <span className="thread-list-root">
        {root && root.body !== null
          ? t('thread.rootPreview', { name: root.senderName, body: root.body })
          : t(root ? 'thread.rootUnreadable' : 'thread.rootNotLoaded')}
      </span>
      <span className="thread-list-meta muted small">
        {t('thread.replies', { count: thread.replyCount })} ·{' '}
        {t('thread.latestAt', { name: thread.latest.senderName, time: formatTime(thread.latest.timestamp, locale) })}
      </span>
      {thread.unread > 0 ? (
        <span className="thread-list-unread">{t('thread.unreadReplies', { count: thread.unread })}</span>
      ) : null}
    </button>
  );
}
