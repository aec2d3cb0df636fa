// A message's content as the timeline shows it: text (sanitised HTML with highlighted code and
// scrollable tables, or the plain body), an action, a picture or file with its caption, or why it
// cannot be shown.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { presentMessageHtml } from '../../ui/messageHtml.ts';
import { SafeHtml } from '../../ui/SafeHtml.tsx';
import { MediaView } from './MediaView.tsx';
import './messageBody.css';

export function MessageBody({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  switch (item.kind) {
    case 'redacted':
      return <p className="message-body muted">{t('timeline.redacted')}</p>;
    case 'verification': {
      const [state = 'requested', ...name] = item.body.split(':');
      return (
        <p className="message-body message-verification">
          {t('timeline.verification.requested', { sender: item.senderName, target: name.join(':') })}{' '}
          <span className="muted">
            {t(`timeline.verification.${state === 'done' || state === 'cancelled' ? state : 'waiting'}`)}
          </span>
        </p>
      );
    }
    case 'undecryptable':
      return <p className="message-body muted">{t(`timeline.undecryptableWhy.${undecryptableKey(item.body)}`)}</p>;
    case 'image':
    case 'file':
      return item.media ? (
        <>
          <MediaView media={item.media} isImage={item.kind === 'image'} />
          {item.media.caption ? <FormattedText body={item.media.caption.body} html={item.media.caption.formattedBody} /> : null}
        </>
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
      return <FormattedText body={item.body} html={item.formattedBody} />;
  }
}

function FormattedText({ body, html }: { body: string; html: string | null }) {
  const { t } = useTranslation();
  const tableLabel = t('timeline.table');
  const present = useCallback((clean: string) => presentMessageHtml(clean, { table: tableLabel }), [tableLabel]);
  return html ? (
    <SafeHtml className="message-body message-html" html={html} present={present} />
  ) : (
    <p className="message-body">{body}</p>
  );
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
