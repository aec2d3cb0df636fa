import DeleteIcon from '@vector-im/compound-design-tokens/assets/web/icons/delete';
import EditIcon from '@vector-im/compound-design-tokens/assets/web/icons/edit';
import ReplyIcon from '@vector-im/compound-design-tokens/assets/web/icons/reply';
import { useTranslation } from 'react-i18next';
import { useFormattingLocale } from '../../i18n/FormattingLocale.ts';
import type { AvatarCache } from '../../matrix/avatars.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { formatTime } from '../../ui/formatTime.ts';
import { SenderAvatar } from './SenderAvatar.tsx';
import './timeline.css';
import { MessageBody } from './MessageBody.tsx';
import { LinkPreviewCard } from './LinkPreviewCard.tsx';
import { findTeamsLinks } from '../../../shared/teams/index.ts';
import { TeamsMeetingCard } from '../teams/TeamsMeetingCard.tsx';
import { ThreadSummaryButton, ThreadToolbarButton, type OpenThread } from '../thread/ThreadButtons.tsx';

export interface MessageRowProps {
  item: TimelineItem;
  /** Same sender as the message above, shortly after: drawn without name and avatar. */
  continuation: boolean;
  avatars: AvatarCache | undefined;
  onReply: (item: TimelineItem) => void;
  onReact: (item: TimelineItem, key: string) => void;
  onDelete: (item: TimelineItem) => void;
  /** Editing one's own text message (also ↑ in an empty composer). */
  onEdit: (item: TimelineItem) => void;
  /**
   * Holds the list's one tab stop: the message itself is focusable with 0, and only its buttons are in
   * the tab order (those of the others are reached by moving to them with the arrows first).
   */
  tabStop?: boolean;
  /** The message a search result opened the room at: marked, and named as the current one. */
  highlighted?: boolean;
  /** In the room's timeline (not in a thread): "Reply in thread", and the summary of a thread's root. */
  onOpenThread?: OpenThread | undefined;
}

export function MessageRow({
  item,
  continuation,
  avatars,
  onReply,
  onReact,
  onDelete,
  onEdit,
  tabStop = false,
  highlighted = false,
  onOpenThread,
}: MessageRowProps) {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  const time = formatTime(item.timestamp, locale);
  const listFormat = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });

  if (item.kind === 'membership') {
    const [membership, target] = item.body.split(':', 2);
    return (
      <p
        className={highlighted ? 'membership-event timeline-item message-highlighted' : 'membership-event timeline-item'}
        tabIndex={tabStop ? 0 : -1}
        aria-current={highlighted ? 'true' : undefined}
      >
        {t(`timeline.membership.${membership ?? 'other'}`, { name: target, defaultValue: item.body })}
      </p>
    );
  }

  const classes = ['message', 'timeline-item'];
  if (highlighted) classes.push('message-highlighted');
  if (item.mine) classes.push('message-mine');
  if (item.pending) classes.push('message-pending');
  if (continuation) classes.push('message-continuation');
  const timeElement = (
    <time className="message-time" dateTime={new Date(item.timestamp).toISOString()}>
      {time}
    </time>
  );

  return (
    // The name says who and when even where a grouped message does not show them.
    <article
      className={classes.join(' ')}
      aria-label={`${item.senderName}, ${time}`}
      tabIndex={tabStop ? 0 : -1}
      aria-current={highlighted ? 'true' : undefined}
    >
      <div className="message-gutter">
        {continuation ? (
          timeElement
        ) : (
          <SenderAvatar userId={item.sender} name={item.senderName} mxc={item.senderAvatar} avatars={avatars} />
        )}
      </div>
      <div className="message-main">
        {continuation ? null : (
          <header className="message-header">
            <span className="message-sender">{item.senderName}</span>
            {timeElement}
            {item.pending ? <span className="message-time">{t('timeline.sending')}</span> : null}
          </header>
        )}
        {item.replyTo ? (
          <blockquote className="message-reply">
            <span className="message-reply-sender">{t('timeline.inReplyTo', { name: item.replyTo.senderName })}</span>
            <span className="message-reply-body">{item.replyTo.body}</span>
          </blockquote>
        ) : null}
        <MessageBody item={item} />
        {item.kind === 'text' || item.kind === 'notice'
          ? findTeamsLinks(item.body)
              .slice(0, 3)
              .map((meeting) => <TeamsMeetingCard key={meeting.canonicalUrl} meeting={meeting} />)
          : null}
        {item.kind === 'text' || item.kind === 'notice' ? <LinkPreviewCard body={item.body} timestamp={item.timestamp} /> : null}
        {item.edited ? <span className="message-edited">{t('timeline.edited')}</span> : null}
        {item.reactions.length > 0 ? (
          <ul className="reactions" aria-label={t('timeline.reactions')}>
            {item.reactions.map((r) => (
              <li key={r.key}>
                <button
                  type="button"
                  className="chip"
                  tabIndex={tabStop ? 0 : -1}
                  aria-pressed={r.mine}
                  aria-label={t('timeline.reactedBy', { key: r.key, names: listFormat.format(r.reactors), count: r.count })}
                  title={t('timeline.reactedBy', { key: r.key, names: listFormat.format(r.reactors), count: r.count })}
                  onClick={() => onReact(item, r.key)}
                >
                  {r.key} <span aria-hidden="true">{r.count}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {onOpenThread ? <ThreadSummaryButton item={item} tabIndex={tabStop ? 0 : -1} onOpen={onOpenThread} /> : null}
      </div>
      {item.kind !== 'redacted' && item.kind !== 'undecryptable' ? (
        <MessageToolbar
          item={item}
          onReply={onReply}
          onReact={onReact}
          onDelete={onDelete}
          onEdit={onEdit}
          tabStop={tabStop}
          onOpenThread={onOpenThread}
        />
      ) : null}
    </article>
  );
}

/**
 * The message's actions, shown over its top-right corner while the pointer is on the message or the
 * focus is in it. Hidden by opacity only: Tab still reaches every button.
 */
function MessageToolbar({
  item,
  onReply,
  onReact,
  onDelete,
  onEdit,
  tabStop,
  onOpenThread,
}: Omit<MessageRowProps, 'continuation' | 'avatars' | 'highlighted'>) {
  const { t } = useTranslation();
  const tabIndex = tabStop ? 0 : -1;
  return (
    <div className="message-toolbar" role="group" aria-label={t('timeline.actions')}>
      <button
        type="button"
        className="message-toolbar-button"
        tabIndex={tabIndex}
        onClick={() => onReply(item)}
        aria-label={t('timeline.reply')}
        title={t('timeline.reply')}
      >
        <ReplyIcon aria-hidden="true" />
      </button>
      {onOpenThread && !item.pending ? <ThreadToolbarButton item={item} tabIndex={tabIndex} onOpen={onOpenThread} /> : null}
      <button
        type="button"
        className="message-toolbar-button"
        tabIndex={tabIndex}
        onClick={() => onReact(item, '👍')}
        aria-label={t('timeline.reactThumbsUp')}
        title={t('timeline.reactThumbsUp')}
      >
        {/* The reaction itself is the clearest picture of what the button does. */}
        <span aria-hidden="true">👍</span>
      </button>
      {item.mine && !item.pending && isEditable(item) ? (
        <button
          type="button"
          className="message-toolbar-button"
          tabIndex={tabIndex}
          onClick={() => onEdit(item)}
          aria-label={t('timeline.edit')}
          title={t('timeline.edit')}
        >
          <EditIcon aria-hidden="true" />
        </button>
      ) : null}
      {item.mine && !item.pending ? (
        <button
          type="button"
          className="message-toolbar-button message-toolbar-button-critical"
          tabIndex={tabIndex}
          onClick={() => onDelete(item)}
          aria-label={t('timeline.delete')}
          title={t('timeline.delete')}
        >
          <DeleteIcon aria-hidden="true" />
        </button>
      ) : null}
    </div>
  );
}

/** Text one can rewrite: what the composer can hold (not files, not deleted or unreadable messages). */
export function isEditable(item: TimelineItem): boolean {
  return item.kind === 'text' || item.kind === 'emote' || item.kind === 'notice';
}
