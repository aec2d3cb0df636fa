// The "Thread" side panel: a thread's root, its replies, what of it waits in the outbox, and a
// composer whose messages and files (attached, pasted or dropped on the panel) go into the thread,
// through the outbox as every message, with the room composer's upload progress and Cancel.
import type { Room } from 'matrix-js-sdk';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SidePanel } from '../../ui/SidePanel.tsx';
import { useSession } from '../../app/SessionContext.ts';
import type { AvatarCache } from '../../matrix/avatars.ts';
import { parseCommand } from '../../matrix/commands.ts';
import type { OutboxEntry } from '../../matrix/outbox/outboxState.ts';
import { sendEdit, sendFiles, sendReaction, sendThreadReply, type ThreadTarget } from '../../matrix/sendActions.ts';
import { latestThreadEventId } from '../../matrix/threadEvents.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { Composer } from '../room/Composer.tsx';
import { MessageRow } from '../room/MessageRow.tsx';
import { PendingRows } from '../room/PendingRows.tsx';
import { RoomDropZone, useRoomFileDrop } from '../room/RoomDropZone.tsx';
import { useConnectivity } from '../room/useOutbox.ts';
import { useThreadReceipt } from './useThreadReceipt.ts';
import { useThreadTimeline } from './useThreads.ts';
import './thread.css';

export const THREAD_COMPOSER_ID = 'thread-composer-input';

export interface ThreadPanelProps {
  room: Room;
  rootId: string;
  /** This thread's entries in the outbox. */
  pending: readonly OutboxEntry[];
  avatars: AvatarCache | undefined;
  onDelete: (item: TimelineItem) => void;
  onClose: () => void;
}

export function ThreadPanel({ room, rootId, pending, avatars, onDelete, onClose }: ThreadPanelProps) {
  const { t } = useTranslation();
  const session = useSession();
  const connectivity = useConnectivity(session.connectivity);
  const { root, replies } = useThreadTimeline(room, rootId);
  const [replyTo, setReplyTo] = useState<TimelineItem | null>(null);
  const [editRequest, setEditRequest] = useState<{ item: TimelineItem; seq: number } | null>(null);
  const [endRef, latestInView] = useInView(replies.length);
  useThreadReceipt(room, rootId, latestInView);
  const me = session.client.getSafeUserId();
  const drop = useRoomFileDrop();
  // Where a message or a file written now goes: the thread, after its latest event, or answering one of its messages.
  const threadTarget = (): ThreadTarget => ({
    rootId,
    latestEventId: latestThreadEventId(room, rootId),
    replyToEventId: replyTo?.eventId ?? null,
  });
  const lastOwn = [...replies].reverse().find((i) => i.mine && (i.kind === 'text' || i.kind === 'emote')) ?? null;

  // Opening a thread is asking to write in it.
  useEffect(() => {
    document.getElementById(THREAD_COMPOSER_ID)?.focus();
  }, [rootId]);

  const rowProps = {
    avatars,
    continuation: false,
    tabStop: true,
    onReply: setReplyTo,
    onReact: (item: TimelineItem, key: string) => {
      if (!item.reactions.some((r) => r.key === key && r.mine)) void sendReaction(session, room.roomId, item.eventId, key);
    },
    onDelete,
    onEdit: (item: TimelineItem) => {
      setReplyTo(null);
      setEditRequest((previous) => ({ item, seq: (previous?.seq ?? 0) + 1 }));
    },
  };

  return (
    <SidePanel
      title={t('thread.title')}
      onClose={onClose}
      closeLabel={t('thread.close')}
      focusHeading={false}
      // The composer's own Escape (a mention list, a reply or edit under way) comes first.
      escapeHandledInside={Boolean(replyTo ?? editRequest?.item)}
      dropTarget={drop.handlers}
    >
      <RoomDropZone visible={drop.dragging} />
      <div className="thread-panel-messages">
        {root ? <MessageRow item={root} {...rowProps} /> : <p className="muted small">{t('thread.rootNotLoaded')}</p>}
        <p className="thread-panel-count muted small">{t('thread.replies', { count: replies.length })}</p>
        {replies.map((item) => (
          <MessageRow key={item.eventId} item={item} {...rowProps} />
        ))}
        <PendingRows
          entries={pending}
          offline={connectivity === 'offline'}
          onRetry={(txnId) => void session.outbox.retry(txnId)}
          onDelete={(txnId) => void session.outbox.remove(txnId)}
          uploads={session.uploads}
          onCancel={(txnId) => void session.outbox.cancel(txnId)}
        />
        <div ref={endRef} className="thread-panel-end" />
      </div>
      <Composer
        field={{ id: THREAD_COMPOSER_ID, label: t('thread.composerLabel'), placeholder: t('thread.placeholder') }}
        onTyping={() => undefined}
        replyTo={replyTo}
        onCancelReply={() => {
          setReplyTo(null);
          setEditRequest(null);
        }}
        lastOwnMessage={lastOwn}
        onAttachFiles={(files) => sendFiles(session, room.roomId, files, threadTarget())}
        incomingFiles={drop.dropped}
        members={room.getJoinedMembers().map((m) => ({ userId: m.userId, name: m.name }))}
        myUserId={me}
        editRequest={editRequest}
        onSend={async (text, mode, mentions) => {
          if (mode.kind === 'edit') {
            setEditRequest(null);
            await sendEdit(session, room.roomId, mode.eventId, text);
            return;
          }
          const command = parseCommand(text);
          if (command.kind === 'topic') {
            await session.client.setRoomTopic(room.roomId, command.topic);
            return;
          }
          if (command.kind === 'invite') {
            await session.client.invite(room.roomId, command.userId);
            return;
          }
          // Leaving is done from the room, not from one of its threads.
          if (command.kind === 'leave' || command.kind === 'invalid') return;
          const target = threadTarget();
          setReplyTo(null);
          await sendThreadReply(session, room.roomId, target, command.text, mentions, STYLE_OF[command.kind]);
        }}
      />
    </SidePanel>
  );
}

const STYLE_OF = { message: 'text', me: 'emote', plain: 'plain' } as const;

/** Whether the end of the panel's list is on screen (the latest reply is then read), followed as it scrolls. */
function useInView(contentVersion: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // New replies: keep the newest in view, as the room's timeline does when at its end.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'end' });
  }, [contentVersion]);
  return [ref, visible] as const;
}
