import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { SafeHtml } from '../../ui/SafeHtml.tsx';
import { MediaView } from './MediaView.tsx';
import { findTeamsLinks } from '../../../shared/teams/index.ts';
import { TeamsMeetingCard } from '../teams/TeamsMeetingCard.tsx';

export interface MessageRowProps {
  item: TimelineItem;
  onReply: (item: TimelineItem) => void;
  onReact: (item: TimelineItem, key: string) => void;
  onDelete: (item: TimelineItem) => void;
}

export function MessageRow({ item, onReply, onReact, onDelete }: MessageRowProps) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(item.timestamp);

  if (item.kind === 'membership') {
    const [membership, target] = item.body.split(':', 2);
    return (
      <p className="membership-event muted small">
        {t(`timeline.membership.${membership ?? 'other'}`, { name: target, defaultValue: item.body })}
      </p>
    );
  }

  return (
    <article
      className={`message${item.mine ? ' message-mine' : ''}${item.pending ? ' message-pending' : ''}`}
      aria-label={`${item.senderName}, ${time}`}
    >
      <header className="message-header">
        <span className="message-sender">{item.senderName}</span>
        <time className="muted small" dateTime={new Date(item.timestamp).toISOString()}>
          {time}
        </time>
        {item.pending ? <span className="muted small">{t('timeline.sending')}</span> : null}
      </header>
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
      {item.edited ? <span className="muted small">{t('timeline.edited')}</span> : null}
      {item.reactions.length > 0 ? (
        <ul className="reactions" aria-label={t('timeline.reactions')}>
          {item.reactions.map((r) => (
            <li key={r.key}>
              <button type="button" className="chip" aria-pressed={r.mine} onClick={() => onReact(item, r.key)}>
                {r.key} <span aria-label={t('timeline.reactionCount', { count: r.count })}>{r.count}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {item.kind !== 'redacted' && item.kind !== 'undecryptable' ? (
        <div className="message-actions">
          <button type="button" className="link-button small" onClick={() => onReply(item)}>
            {t('timeline.reply')}
          </button>
          <button
            type="button"
            className="link-button small"
            onClick={() => onReact(item, '👍')}
            aria-label={t('timeline.reactThumbsUp')}
          >
            👍
          </button>
          {item.mine && !item.pending ? (
            <button type="button" className="link-button small" onClick={() => onDelete(item)}>
              {t('timeline.delete')}
            </button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function MessageBody({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  switch (item.kind) {
    case 'redacted':
      return <p className="message-body muted">{t('timeline.redacted')}</p>;
    case 'undecryptable':
      return <p className="message-body muted">{t(`timeline.undecryptableWhy.${undecryptableKey(item.body)}`)}</p>;
    case 'image':
    case 'file':
      return item.media ? (
        <MediaView media={item.media} isImage={item.kind === 'image'} />
      ) : (
        <p className="message-body">{t('timeline.attachment', { name: item.body })}</p>
      );
    case 'emote':
      return (
        <p className="message-body">
          <em>
            * {item.senderName} {item.body}
          </em>
        </p>
      );
    default:
      return item.formattedBody ? (
        <SafeHtml className="message-body" html={item.formattedBody} />
      ) : (
        <p className="message-body">{item.body}</p>
      );
  }
}

/** Groups the SDK's decryption failure codes into reasons a person can act on. */
function undecryptableKey(code: string) {
  if (code.startsWith('HISTORICAL_MESSAGE_USER_NOT_JOINED')) return 'notJoined';
  if (code === 'HISTORICAL_MESSAGE_BACKUP_UNCONFIGURED' || code === 'HISTORICAL_MESSAGE_NO_KEY_BACKUP') return 'noBackup';
  if (code === 'MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE') return 'unverifiedDevice';
  if (code === 'MEGOLM_KEY_WITHHELD') return 'withheld';
  if (code === 'SENDER_IDENTITY_PREVIOUSLY_VERIFIED' || code === 'UNSIGNED_SENDER_DEVICE' || code === 'UNKNOWN_SENDER_DEVICE')
    return 'untrustedSender';
  return 'keysMissing';
}
