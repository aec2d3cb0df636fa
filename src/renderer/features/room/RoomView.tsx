import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EventTimeline, type MatrixClient, type Room } from 'matrix-js-sdk';
import { sendEdit, sendFile, sendReaction, sendRedaction, sendText, type SendContext } from '../../matrix/sendActions.ts';
import type { Connectivity } from '../../matrix/connectivity.ts';
import { PendingRows } from './PendingRows.tsx';
import { useOutboxEntries } from './useOutbox.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { Composer } from './Composer.tsx';
import { InviteDialog } from './InviteDialog.tsx';
import { Timeline } from './Timeline.tsx';
import { readersOf, useSendReadReceipts, useTypingMembers } from './useTypingAndReceipts.ts';
import { useTimeline } from './useTimeline.ts';
import { RoomCallHeader, RoomCallStage, useInCallHere } from '../call/RoomCall.tsx';
import { rendererLogger } from '../../platform/log.ts';

export interface RoomViewProps {
  client: MatrixClient;
  room: Room;
  sender: SendContext;
  connectivity: Connectivity;
  onVerify: (userId: string) => void;
}

export function RoomView({ client, room, sender, connectivity, onVerify }: RoomViewProps) {
  const { t } = useTranslation();
  const items = useTimeline(client, room);
  const pending = useOutboxEntries(sender.outbox, room.roomId);
  const [replyTo, setReplyTo] = useState<TimelineItem | null>(null);
  const [inviting, setInviting] = useState(false);
  const lastOwnMessage =
    [...items].reverse().find((i) => i.mine && (i.kind === 'text' || i.kind === 'emote' || i.kind === 'notice')) ?? null;
  const encrypted = room.hasEncryptionStateEvent();
  // In a conversation with one other person, offer to verify them by emoji.
  const others = room.getJoinedMembers().filter((m) => m.userId !== client.getSafeUserId());
  const verifiable = encrypted && others.length === 1 ? others[0] : undefined;
  const typing = useTypingMembers(client, room);
  useSendReadReceipts(client, room);
  const me = client.getSafeUserId();
  const lastMine = lastOwnMessage && items[items.length - 1]?.eventId === lastOwnMessage.eventId ? lastOwnMessage : null;
  const seenBy = lastMine ? readersOf(room, lastMine.eventId, me) : [];
  // Typing notices are throttled: one "typing" every few seconds while keys are pressed.
  const inCall = useInCallHere(room.roomId);
  const lastTypingSent = useRef(0);
  const sendTyping = (isTyping: boolean) => {
    const now = Date.now();
    if (isTyping && now - lastTypingSent.current < 3_000) return;
    lastTypingSent.current = isTyping ? now : 0;
    void client.sendTyping(room.roomId, isTyping, 5_000).catch(rendererLogger('room').swallow('typing notice', 'debug'));
  };

  return (
    <section className={inCall ? 'room-view room-view-in-call' : 'room-view'} aria-labelledby="room-title">
      <header className="room-header">
        <h1 id="room-title">{room.name}</h1>
        {encrypted ? <span className="pill">{t('room.encrypted')}</span> : null}
        <div className="room-header-actions">
          <RoomCallHeader client={client} room={room} />
          {verifiable ? (
            <button type="button" className="button button-secondary" onClick={() => onVerify(verifiable.userId)}>
              {t('verify.start', { name: verifiable.name })}
            </button>
          ) : null}
          <button type="button" className="button button-secondary" onClick={() => setInviting(true)}>
            {t('room.invite')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              void client.leave(room.roomId).then(() => (window.location.hash = ''));
            }}
          >
            {t('room.leave')}
          </button>
        </div>
      </header>
      <RoomCallStage client={client} room={room} />
      <Timeline
        onLoadOlder={async () => {
          await client.scrollback(room, 50);
          // No backwards token left means the room's first event has been reached.
          return room.getLiveTimeline().getPaginationToken(EventTimeline.BACKWARDS) !== null;
        }}
        client={client}
        roomName={room.name}
        items={items}
        onReply={setReplyTo}
        onReact={(item, key) => {
          if (!item.reactions.some((r) => r.key === key && r.mine)) void sendReaction(sender, room.roomId, item.eventId, key);
        }}
        onDelete={(item) => void sendRedaction(sender, room.roomId, item.eventId)}
        pendingCount={pending.length}
        pending={
          <PendingRows
            entries={pending}
            offline={connectivity === 'offline'}
            onRetry={(txnId) => void sender.outbox.retry(txnId)}
            onDelete={(txnId) => void sender.outbox.remove(txnId)}
          />
        }
      />
      <div className="room-status-line muted small" aria-live="polite">
        {typing.length > 0 ? <span>{t('room.typing', { names: typing.join(', '), count: typing.length })}</span> : null}
        {seenBy.length > 0 ? <span>{t('room.seenBy', { names: seenBy.join(', ') })}</span> : null}
      </div>
      <Composer
        onTyping={sendTyping}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        lastOwnMessage={lastOwnMessage}
        onAttach={(file) => sendFile(sender, room.roomId, file)}
        members={room.getJoinedMembers().map((m) => ({ userId: m.userId, name: m.name }))}
        myUserId={me}
        onSend={async (text, mode, mentions) => {
          if (mode.kind === 'edit') await sendEdit(sender, room.roomId, mode.eventId, text);
          else {
            const reply = replyTo?.eventId ?? null;
            setReplyTo(null);
            await sendText(sender, room.roomId, text, reply, mentions);
          }
        }}
      />
      <InviteDialog client={client} roomId={room.roomId} open={inviting} onClose={() => setInviting(false)} />
    </section>
  );
}

export function InvitationView({ client, room }: { client: MatrixClient; room: Room }) {
  const { t } = useTranslation();
  const inviter = room.getMember(client.getSafeUserId())?.events.member?.getSender() ?? '';
  const [busy, setBusy] = useState(false);
  return (
    <section className="invitation" aria-labelledby="invite-title">
      <h1 id="invite-title">{room.name}</h1>
      <p>{t('room.invitedBy', { name: inviter })}</p>
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void client.leave(room.roomId).finally(() => (window.location.hash = ''));
          }}
        >
          {t('room.decline')}
        </button>
        <button
          type="button"
          className="button button-primary inline"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void client.joinRoom(room.roomId).finally(() => setBusy(false));
          }}
        >
          {t('room.accept')}
        </button>
      </div>
    </section>
  );
}
