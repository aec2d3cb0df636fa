import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from 'matrix-js-sdk';
import { useSession } from '../../app/SessionContext.ts';
import { navigate, useOpenEventId } from '../../app/useHashRoute.ts';
import { loadUntilFound } from './loadUntilFound.ts';
import { parseCommand } from '../../matrix/commands.ts';
import { sendEdit, sendFiles, sendReaction, sendRedaction, sendText } from '../../matrix/sendActions.ts';
import { PendingRows } from './PendingRows.tsx';
import { useConnectivity, useOutboxEntries } from './useOutbox.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { Composer, type ComposerDraft, type ComposerDraftChange } from './Composer.tsx';
import { InviteDialog } from './InviteDialog.tsx';
import { LeaveRoomDialog } from './LeaveRoomDialog.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { RoomActionAlert } from './RoomActionAlert.tsx';
import { Timeline } from './Timeline.tsx';
import { useReadersOf, useReadMarkers, useTypingMembers } from './useTypingAndReceipts.ts';
import { useUnreadDivider } from './useUnreadDivider.ts';
import { useAvatarCache } from '../rooms/useAvatarCache.ts';
import { RoomHeader } from './RoomHeader.tsx';
import { RoomSettingsButton } from '../roomSettings/RoomSettingsButton.tsx';
import { useRoomActions } from './useRoomActions.ts';
import { useTimeline } from './useTimeline.ts';
import { useMessageMenu } from './useMessageMenu.tsx';
import { RoomCallHeader, RoomCallStage, useInCallHere } from '../call/RoomCall.tsx';
import { RoomThreads } from '../thread/RoomThreads.tsx';
import { RoomMembers } from '../members/RoomMembers.tsx';
import GroupIcon from '@vector-im/compound-design-tokens/assets/web/icons/group';
import { ThreadsHeaderButton } from '../thread/ThreadButtons.tsx';
import { useThreadPanel } from '../thread/useThreadPanel.ts';
import { useLiveThreads } from '../thread/useThreads.ts';
import { mainTimelineEntries, unreadThreadCount } from '../../matrix/threads.ts';
import { RoomDropZone, useRoomFileDrop } from './RoomDropZone.tsx';
import { LinkPreviewsAllowedContext } from './LinkPreviewCard.tsx';
import { previewsAllowed } from '../../matrix/linkPreview.ts';
import { useUserSettings } from '../../app/UserSettingsContext.ts';

export interface RoomViewProps {
  room: Room;
  onVerify: (userId: string) => void;
}

export function RoomView({ room, onVerify }: RoomViewProps) {
  const { t } = useTranslation();
  const session = useSession();
  const { client, outbox } = session;
  const connectivity = useConnectivity(session.connectivity);
  const actions = useRoomActions(room);
  const items = useTimeline(room);
  const roomPending = useOutboxEntries(outbox, room.roomId);
  const pending = mainTimelineEntries(roomPending);
  const threadPanel = useThreadPanel();
  const threads = useLiveThreads(room);
  const [replyTo, setReplyTo] = useState<TimelineItem | null>(null);
  const draft = useRoomDraft(room.roomId, items, replyTo, setReplyTo);
  const [inviting, setInviting] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [editRequest, setEditRequest] = useState<{ item: TimelineItem; seq: number } | null>(null);
  const [deleting, setDeleting] = useState<TimelineItem | null>(null);
  const lastOwnMessage =
    [...items].reverse().find((i) => i.mine && (i.kind === 'text' || i.kind === 'emote' || i.kind === 'notice')) ?? null;
  const encrypted = room.hasEncryptionStateEvent();
  const me = client.getSafeUserId();
  // In a conversation with one other person, offer to verify them by emoji.
  const others = room.getJoinedMembers().filter((m) => m.userId !== me);
  const verifiable = encrypted && others.length === 1 ? others[0] : undefined;
  const typing = useTypingMembers(room);
  const [bottomInView, setBottomInView] = useState(true);
  useReadMarkers(room, bottomInView);
  const firstUnread = useUnreadDivider(room);
  const avatars = useAvatarCache(client);
  const [followRequest, setFollowRequest] = useState(0);
  const lastMine = lastOwnMessage && items[items.length - 1]?.eventId === lastOwnMessage.eventId ? lastOwnMessage : null;
  const seenBy = useReadersOf(room, lastMine?.eventId ?? null);
  const inCall = useInCallHere(room.roomId);
  const jump = useJumpTarget(room, actions.loadOlder);
  const drop = useRoomFileDrop();
  const linkPreviews = previewsAllowed(useUserSettings().settings.chat.urlPreviews, encrypted);
  const [insertRequest, setInsertRequest] = useState<{ text: string; seq: number } | null>(null);
  const messageMenu = useMessageMenu(room, (text) => setInsertRequest((previous) => ({ text, seq: (previous?.seq ?? 0) + 1 })));

  return (
    <section
      className={inCall ? 'room-view room-view-in-call' : 'room-view'}
      aria-labelledby="room-title"
      data-thread-panel={threadPanel.state.kind === 'none' ? undefined : threadPanel.state.kind}
      {...drop.handlers}
    >
      <RoomDropZone visible={drop.dragging} />
      <RoomHeader room={room} encrypted={encrypted}>
        <RoomCallHeader room={room} />
        <ThreadsHeaderButton
          unreadThreads={unreadThreadCount(threads.summaries.values())}
          open={threadPanel.state.kind === 'list'}
          onClick={(event) => threadPanel.toggleList(event.currentTarget)}
        />
        <button
          type="button"
          className="button button-secondary thread-header-button"
          aria-expanded={threadPanel.state.kind === 'members' || threadPanel.state.kind === 'person'}
          title={t('members.open')}
          onClick={(event) => threadPanel.toggleMembers(event.currentTarget)}
        >
          <GroupIcon aria-hidden="true" className="button-icon" />
          <span className="button-label">{t('members.open')}</span>
        </button>
        {verifiable ? (
          <button type="button" className="button button-secondary" onClick={() => onVerify(verifiable.userId)}>
            {t('verify.start', { name: verifiable.name })}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={() => setInviting(true)}>
          {t('room.invite')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setLeaving(true)}>
          {t('room.leave')}
        </button>
        <RoomSettingsButton room={room} />
      </RoomHeader>
      {messageMenu.pinnedBar}
      <RoomActionAlert failure={actions.failure} onDismiss={actions.dismissFailure} />
      <RoomCallStage room={room} />
      <LinkPreviewsAllowedContext value={linkPreviews}>
        <Timeline
          onLoadOlder={actions.loadOlder}
          roomName={room.name}
          items={items}
          onReply={setReplyTo}
          onReact={(item, key) => {
            if (!item.reactions.some((r) => r.key === key && r.mine)) void sendReaction(session, room.roomId, item.eventId, key);
          }}
          onDelete={setDeleting}
          menu={messageMenu.menu}
          onEdit={(item) => {
            setReplyTo(null);
            setEditRequest((previous) => ({ item, seq: (previous?.seq ?? 0) + 1 }));
          }}
          pendingCount={pending.length}
          firstUnreadEventId={firstUnread}
          avatars={avatars}
          onBottomInViewChange={setBottomInView}
          followRequest={followRequest}
          highlightEventId={jump.found}
          onLeaveHighlight={jump.target ? () => navigate({ kind: 'room', roomId: room.roomId }) : undefined}
          onOpenThread={threadPanel.openThread}
          pending={
            <PendingRows
              entries={pending}
              offline={connectivity === 'offline'}
              onRetry={(txnId) => void outbox.retry(txnId)}
              onDelete={(txnId) => void outbox.remove(txnId)}
              uploads={session.uploads}
              onCancel={(txnId) => void outbox.cancel(txnId)}
            />
          }
        />
      </LinkPreviewsAllowedContext>
      <div className="room-status-line muted small" aria-live="polite">
        {typing.length > 0 ? <span>{t('room.typing', { names: typing.join(', '), count: typing.length })}</span> : null}
        {seenBy.length > 0 ? <span>{t('room.seenBy', { names: seenBy.join(', ') })}</span> : null}
        {jump.notFound ? <span>{t('timeline.jumpNotFound')}</span> : null}
      </div>
      <Composer
        onTyping={actions.setTyping}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        lastOwnMessage={lastOwnMessage}
        onAttachFiles={(files) => {
          setFollowRequest((n) => n + 1);
          return sendFiles(session, room.roomId, files);
        }}
        incomingFiles={drop.dropped}
        members={room.getJoinedMembers().map((m) => ({ userId: m.userId, name: m.name }))}
        myUserId={me}
        initialDraft={draft.initial}
        editRequest={editRequest}
        insertRequest={insertRequest}
        onDraftChange={draft.onComposerChange}
        onSend={async (text, mode, mentions) => {
          if (mode.kind === 'edit') {
            setFollowRequest((n) => n + 1);
            await sendEdit(session, room.roomId, mode.eventId, text);
            return;
          }
          const command = parseCommand(text);
          const reply = replyTo?.eventId ?? null;
          switch (command.kind) {
            case 'message':
            case 'me':
            case 'plain':
              setFollowRequest((n) => n + 1);
              setReplyTo(null);
              await sendText(session, room.roomId, command.text, reply, mentions, STYLE_OF[command.kind]);
              return;
            case 'topic':
              await client.setRoomTopic(room.roomId, command.topic);
              return;
            case 'invite':
              await client.invite(room.roomId, command.userId);
              return;
            case 'leave':
              await actions.leave();
              return;
            case 'invalid':
              // The composer refuses these before sending; nothing to do if one gets here.
              return;
          }
        }}
      />
      <InviteDialog roomId={room.roomId} open={inviting} onClose={() => setInviting(false)} />
      <LeaveRoomDialog
        room={room}
        open={leaving}
        onClose={() => setLeaving(false)}
        onLeave={(forget) => {
          setLeaving(false);
          void actions.leave(forget);
        }}
      />
      {messageMenu.dialogs}
      <Dialog title={t('timeline.deleteTitle')} open={deleting !== null} onClose={() => setDeleting(null)}>
        <p>{t('timeline.deleteExplain')}</p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={() => setDeleting(null)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-danger inline"
            onClick={() => {
              if (deleting) void sendRedaction(session, room.roomId, deleting.eventId);
              setDeleting(null);
            }}
          >
            {t('timeline.deleteConfirm')}
          </button>
        </div>
      </Dialog>
      <RoomThreads
        room={room}
        panel={threadPanel}
        live={threads}
        pending={roomPending}
        avatars={avatars}
        onDelete={setDeleting}
      />
      <RoomMembers room={room} panel={threadPanel} avatars={avatars} onInvite={() => setInviting(true)} onVerify={onVerify} />
    </section>
  );
}

/**
 * The message the route asks for (a search result): older pages are read until it is in the live
 * timeline, within a bound. `found` is the event to show, `notFound` says it is further back than that.
 */
function useJumpTarget(room: Room, loadOlder: () => Promise<boolean>) {
  const target = useOpenEventId();
  const [result, setResult] = useState<{ eventId: string; found: boolean } | null>(null);
  // The room actions are rebuilt when a failure shows: the search must not start again for that.
  const loadOlderRef = useRef(loadOlder);
  useEffect(() => {
    loadOlderRef.current = loadOlder;
  });
  useEffect(() => {
    if (!target) return;
    let current = true;
    const isLoaded = () =>
      room
        .getLiveTimeline()
        .getEvents()
        .some((e) => e.getId() === target);
    void loadUntilFound(isLoaded, () => loadOlderRef.current()).then((found) => {
      if (current) setResult({ eventId: target, found });
    });
    return () => {
      current = false;
    };
  }, [room, target]);
  const settled = result && result.eventId === target ? result : null;
  return { target, found: settled?.found ? target : null, notFound: settled ? !settled.found : false };
}

export function InvitationView({ room }: { room: Room }) {
  const { t } = useTranslation();
  const session = useSession();
  const actions = useRoomActions(room);
  const inviter = room.getMember(session.client.getSafeUserId())?.events.member?.getSender() ?? '';
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  return (
    <section className="invitation" aria-labelledby="invite-title">
      <h1 id="invite-title">{room.name}</h1>
      <p>{t('room.invitedBy', { name: inviter })}</p>
      <RoomActionAlert failure={actions.failure} onDismiss={actions.dismissFailure} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => run(actions.decline)}>
          {t('room.decline')}
        </button>
        <button type="button" className="button button-primary inline" disabled={busy} onClick={() => run(actions.accept)}>
          {t('room.accept')}
        </button>
      </div>
    </section>
  );
}

const STYLE_OF = { message: 'text', me: 'emote', plain: 'plain' } as const;

/**
 * The room's draft (matrix/drafts/draftStore.ts): read once when the room opens, the reply restored when
 * its message is in the timeline, and every change kept. The composer owns the text and the edit; the
 * room owns the reply; both end up in one draft.
 */
function useRoomDraft(
  roomId: string,
  items: readonly TimelineItem[],
  replyTo: TimelineItem | null,
  setReplyTo: (item: TimelineItem) => void,
) {
  const { drafts } = useSession();
  const [saved] = useState(() => drafts.get(roomId));
  const [initial] = useState<ComposerDraft | undefined>(() =>
    saved
      ? {
          text: saved.text,
          mentions: saved.mentions,
          editing: saved.editEventId ? (items.find((item) => item.eventId === saved.editEventId) ?? null) : null,
        }
      : undefined,
  );
  // The reply waiting for its message to be loaded; kept in the draft meanwhile.
  const pendingReply = useRef(saved?.replyToEventId ?? null);
  useEffect(() => {
    const wanted = pendingReply.current;
    if (!wanted || replyTo) return;
    const item = items.find((candidate) => candidate.eventId === wanted);
    if (item) {
      pendingReply.current = null;
      setReplyTo(item);
    }
  }, [items, replyTo, setReplyTo]);
  const composer = useRef<ComposerDraftChange>({ text: saved?.text ?? '', mentions: saved?.mentions ?? [], editEventId: null });
  const save = useCallback(() => {
    if (replyTo) pendingReply.current = null;
    drafts.set(roomId, { ...composer.current, replyToEventId: replyTo?.eventId ?? pendingReply.current });
  }, [drafts, roomId, replyTo]);
  useEffect(save, [save]);
  const onComposerChange = useCallback(
    (change: ComposerDraftChange) => {
      composer.current = change;
      save();
    },
    [save],
  );
  return { initial, onComposerChange };
}
