// The "Threads" side panel: the room's threads, most recently active first, each with its root,
// how many replies, when the latest came, and how many I have not read. Choosing one opens it.
import type { Room } from 'matrix-js-sdk';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SidePanel } from '../../ui/SidePanel.tsx';
import { useClient } from '../../app/SessionContext.ts';
import { useFormattingLocale } from '../../i18n/FormattingLocale.ts';
import { buildThreadTimeline } from '../../matrix/timeline.ts';
import { threadsByActivity, type ThreadSummary } from '../../matrix/threads.ts';
import { formatTime } from '../../ui/formatTime.ts';
import type { OpenThread } from './ThreadButtons.tsx';
import './thread.css';

export interface ThreadListProps {
  room: Room;
  summaries: Map<string, ThreadSummary>;
  onOpen: OpenThread;
  onClose: () => void;
}

export function ThreadList({ room, summaries, onOpen, onClose }: ThreadListProps) {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  const me = useClient().getSafeUserId();
  const threads = useMemo(() => threadsByActivity(summaries.values()), [summaries]);
  return (
    <SidePanel title={t('thread.list')} onClose={onClose} closeLabel={t('thread.close')}>
      {threads.length === 0 ? (
        <p className="thread-list-empty muted">{t('thread.none')}</p>
      ) : (
        <ul className="thread-list">
          {threads.map((summary) => {
            const root = buildThreadTimeline(room, me, summary.rootId).root;
            return (
              <li key={summary.rootId}>
                <button type="button" className="thread-list-entry" onClick={(e) => onOpen(summary.rootId, e.currentTarget)}>
                  <span className="thread-list-root">
                    {root ? t('thread.rootPreview', { name: root.senderName, body: root.body }) : t('thread.rootNotLoaded')}
                  </span>
                  <span className="thread-list-meta muted small">
                    {t('thread.replies', { count: summary.replyCount })} ·{' '}
                    {t('thread.latestAt', {
                      name: summary.latest.senderName,
                      time: formatTime(summary.latest.timestamp, locale),
                    })}
                  </span>
                  {summary.unread > 0 ? (
                    <span className="thread-list-unread">{t('thread.unreadReplies', { count: summary.unread })}</span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </SidePanel>
  );
}
