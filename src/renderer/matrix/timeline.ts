// Turns a room's live timeline into the items the UI shows: one item per visible message, with its
// latest edit applied, its reactions counted and its reply target named. Pure over matrix-js-sdk models.
import { EventStatus, EventType, MsgType, RelationType, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { EncryptedFileInfo } from './attachmentCrypto.ts';
import { roomThreadSummaries, threadRootIdOf } from './threadEvents.ts';
import { isFallbackReply, type ThreadSummary } from './threads.ts';

export type TimelineItemKind =
  | 'text'
  | 'notice'
  | 'emote'
  | 'image'
  | 'file'
  | 'redacted'
  | 'undecryptable'
  | 'membership'
  /** An in-room verification request; `body` is "<state>:<the name of the person asked>" (verificationItem). */
  | 'verification';

export interface Reaction {
  key: string;
  count: number;
  mine: boolean;
  /** Who reacted, by display name, oldest first (what the chip's name and tooltip say). */
  reactors: string[];
}

export interface TimelineItem {
  eventId: string;
  sender: string;
  senderName: string;
  timestamp: number;
  kind: TimelineItemKind;
  body: string;
  /** Sanitised later, at render time; never trusted as is. */
  formattedBody: string | null;
  edited: boolean;
  pending: boolean;
  mine: boolean;
  /** The sender's picture (mxc://) as the room knows it, or null for their initial. */
  senderAvatar: string | null;
  replyTo: { eventId: string; senderName: string; body: string } | null;
  reactions: Reaction[];
  /** For images and files: the mxc:// URL and the declared size. */
  media: {
    mxcUrl: string;
    mimetype: string | null;
    size: number | null;
    name: string;
    encryption: EncryptedFileInfo | null;
    /** A caption (Matrix 1.10): the body, when a separate file name is given and differs from it. */
    caption?: { body: string; formattedBody: string | null } | null;
  } | null;
  /** On a thread's root in the main timeline: its replies, shown as a summary that opens the thread. */
  thread?: ThreadSummary;
}

const VISIBLE_TYPES = new Set<string>([EventType.RoomMessage, EventType.RoomMessageEncrypted, EventType.RoomMember]);

/**
 * Whether the event is drawn as a row of its own in the main timeline (edits and reactions fold into
 * their target; replies in a thread are in the thread's panel).
 */
export function isShownEvent(event: MatrixEvent): boolean {
  return (
    VISIBLE_TYPES.has(event.getType()) &&
    !event.isRelation(RelationType.Replace) &&
    !event.isRelation(RelationType.Annotation) &&
    threadRootIdOf(event) === null
  );
}

/** The main timeline: replies in threads are left out, their roots carry the thread's summary. */
export function buildTimeline(room: Room, myUserId: string): TimelineItem[] {
  const events = room.getLiveTimeline().getEvents();
  const byId = new Map(events.map((e) => [e.getId(), e]));
  const threads = roomThreadSummaries(room, myUserId);
  const items: TimelineItem[] = [];
  for (const event of events) {
    if (threadRootIdOf(event) !== null) continue;
    const item = toItem(event, room, myUserId, byId);
    const thread = item ? threads.get(item.eventId) : undefined;
    if (item) items.push(thread ? { ...item, thread } : item);
  }
  return items;
}

/**
 * One thread: its root (null until loaded) and its replies, oldest first. `fetched` holds the root
 * and replies asked of the server when the root is further back than the loaded timeline.
 */
export function buildThreadTimeline(
  room: Room,
  myUserId: string,
  rootId: string,
  fetched: readonly MatrixEvent[] = [],
): { root: TimelineItem | null; replies: TimelineItem[] } {
  const liveEvents = room.getLiveTimeline().getEvents();
  const liveIds = new Set(liveEvents.map((e) => e.getId()));
  const events = [...fetched.filter((e) => !liveIds.has(e.getId())), ...liveEvents];
  const byId = new Map(events.map((e) => [e.getId(), e]));
  const rootEvent = room.findEventById(rootId) ?? byId.get(rootId);
  const root = rootEvent ? toItem(rootEvent, room, myUserId, byId) : null;
  const replies: TimelineItem[] = [];
  for (const event of events) {
    if (threadRootIdOf(event) !== rootId) continue;
    const item = toItem(event, room, myUserId, byId);
    if (item) replies.push(item);
  }
  return { root, replies };
}

function toItem(
  event: MatrixEvent,
  room: Room,
  myUserId: string,
  byId: Map<string | undefined, MatrixEvent>,
): TimelineItem | null {
  const type: string = event.getType();
  if (!VISIBLE_TYPES.has(type)) return null;
  // Until the server has it, a message is the outbox's to show (waiting, sending or failed).
  if (event.status !== null && event.status !== EventStatus.SENT) return null;
  // Edits and reactions are folded into the event they relate to.
  if (event.isRelation(RelationType.Replace) || event.isRelation(RelationType.Annotation)) return null;
  const eventId = event.getId();
  if (!eventId) return null;
  const sender = event.getSender() ?? '';
  const base = {
    eventId,
    sender,
    senderName: event.sender?.name ?? sender,
    senderAvatar: event.sender?.getMxcAvatarUrl() ?? null,
    timestamp: event.getTs(),
    edited: false,
    pending: event.status !== null,
    mine: sender === myUserId,
    replyTo: null,
    reactions: [] as Reaction[],
    media: null,
    formattedBody: null,
  };
  if (event.isRedacted()) return { ...base, kind: 'redacted', body: '' };
  if (event.isDecryptionFailure()) return { ...base, kind: 'undecryptable', body: event.decryptionFailureReason ?? 'unknown' };
  if (type === (EventType.RoomMember as string)) return membershipItem(event, base);
  if (type === (EventType.RoomMessageEncrypted as string)) return null; // still being decrypted: shown once it is

  const replacement = event.replacingEvent();
  const newContent = replacement?.getContent()['m.new_content'] as Record<string, unknown> | undefined;
  const content: Record<string, unknown> = newContent ?? event.getContent();
  const msgtype: unknown = content.msgtype;
  // Its body is an English fallback for clients that do not know it: shown in the person's language instead.
  if (msgtype === VERIFICATION_REQUEST) return verificationItem(room, eventId, content, base);
  const body = typeof content.body === 'string' ? stripReplyFallback(content.body) : '';
  const formatted =
    content.format === 'org.matrix.custom.html' && typeof content.formatted_body === 'string' ? content.formatted_body : null;
  return {
    ...base,
    kind: kindOf(msgtype),
    body,
    formattedBody: formatted,
    edited: replacement !== null,
    replyTo: replyTarget(event, byId),
    reactions: reactionsOf(room, eventId, myUserId),
    media: mediaOf(msgtype, content),
  };
}

const VERIFICATION_REQUEST = 'm.key.verification.request';

export type VerificationState = 'requested' | 'done' | 'cancelled';

/** A request is done or cancelled by an event referring to it (m.reference), from either side. */
export function verificationStateOf(room: Room, eventId: string): VerificationState {
  const related = (type: string) =>
    room.relations.getChildEventsForEvent(eventId, RelationType.Reference, type)?.getRelations().length ?? 0;
  if (related('m.key.verification.done') > 0) return 'done';
  if (related('m.key.verification.cancel') > 0) return 'cancelled';
  return 'requested';
}

function verificationItem(
  room: Room,
  eventId: string,
  content: Record<string, unknown>,
  base: Omit<TimelineItem, 'kind' | 'body'>,
): TimelineItem {
  const to = typeof content.to === 'string' ? content.to : '';
  const name = room.getMember(to)?.name ?? to;
  return { ...base, kind: 'verification', body: `${verificationStateOf(room, eventId)}:${name}` };
}

function kindOf(msgtype: unknown): TimelineItemKind {
  switch (msgtype) {
    case MsgType.Notice:
      return 'notice';
    case MsgType.Emote:
      return 'emote';
    case MsgType.Image:
      return 'image';
    case MsgType.File:
    case MsgType.Audio:
    case MsgType.Video:
      return 'file';
    default:
      return 'text';
  }
}

function membershipItem(event: MatrixEvent, base: Omit<TimelineItem, 'kind' | 'body'>): TimelineItem | null {
  const membership: unknown = event.getContent().membership;
  const previous: unknown = event.getPrevContent().membership;
  if (membership === previous) return null; // profile changes are noise here
  const target = event.target?.name ?? event.getStateKey() ?? '';
  return { ...base, kind: 'membership', body: `${String(membership)}:${target}` };
}

function replyTarget(event: MatrixEvent, byId: Map<string | undefined, MatrixEvent>): TimelineItem['replyTo'] {
  const relatesTo = event.getWireContent()['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: unknown } } | undefined;
  // In a thread, the reply to its latest message is there for clients without threads only.
  if (isFallbackReply(relatesTo)) return null;
  const targetId = relatesTo?.['m.in_reply_to']?.event_id;
  if (typeof targetId !== 'string') return null;
  const target = byId.get(targetId);
  const targetBody: unknown = target?.getContent().body;
  return {
    eventId: targetId,
    senderName: target?.sender?.name ?? target?.getSender() ?? '',
    body: typeof targetBody === 'string' ? stripReplyFallback(targetBody) : '',
  };
}

function reactionsOf(room: Room, eventId: string, myUserId: string): Reaction[] {
  const relations = room.relations.getChildEventsForEvent(eventId, RelationType.Annotation, EventType.Reaction);
  const sorted = relations?.getSortedAnnotationsByKey() ?? [];
  return sorted.flatMap(([key, events]) => {
    // A withdrawn reaction (redacted) no longer counts, nor names its sender.
    const live = [...events].filter((e) => !e.isRedacted()).sort((a, b) => a.getTs() - b.getTs());
    if (live.length === 0) return [];
    return [
      {
        key,
        count: live.length,
        mine: live.some((e) => e.getSender() === myUserId),
        reactors: live.map((e) => room.getMember(e.getSender() ?? '')?.name ?? e.getSender() ?? ''),
      },
    ];
  });
}

function mediaOf(msgtype: unknown, content: Record<string, unknown>): TimelineItem['media'] {
  if (msgtype !== MsgType.Image && msgtype !== MsgType.File && msgtype !== MsgType.Audio && msgtype !== MsgType.Video)
    return null;
  const encryption = encryptedFileOf(content.file);
  const url = encryption ? (content.file as { url?: unknown }).url : content.url;
  if (typeof url !== 'string' || !url.startsWith('mxc://')) return null;
  const info = (content.info ?? {}) as { mimetype?: unknown; size?: unknown };
  const body = typeof content.body === 'string' ? content.body : null;
  const filename = typeof content.filename === 'string' && content.filename !== '' ? content.filename : null;
  const captioned = filename !== null && body !== null && body !== filename;
  const formatted =
    content.format === 'org.matrix.custom.html' && typeof content.formatted_body === 'string' ? content.formatted_body : null;
  return {
    encryption,
    mxcUrl: url,
    mimetype: typeof info.mimetype === 'string' ? info.mimetype : null,
    size: typeof info.size === 'number' ? info.size : null,
    name: filename ?? body ?? 'file',
    caption: captioned ? { body, formattedBody: formatted } : null,
  };
}

/** Replies carry a quoted fallback ("> <@a:b> text") before the real body; it is shown structurally instead. */
export function stripReplyFallback(body: string): string {
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').startsWith('> ')) i++;
  if (i > 0 && i < lines.length && lines[i] === '') i++;
  return i > 0 ? lines.slice(i).join('\n') : body;
}

/** The encryption block of an encrypted attachment, only when every field has the right shape. */
function encryptedFileOf(file: unknown): EncryptedFileInfo | null {
  if (typeof file !== 'object' || file === null) return null;
  const f = file as Record<string, unknown>;
  const key = f.key as Record<string, unknown> | undefined;
  const hashes = f.hashes as Record<string, unknown> | undefined;
  if (f.v !== 'v2' || typeof f.iv !== 'string' || typeof hashes?.sha256 !== 'string') return null;
  if (key?.kty !== 'oct' || key.alg !== 'A256CTR' || typeof key.k !== 'string') return null;
  return {
    v: 'v2',
    iv: f.iv,
    hashes: { sha256: hashes.sha256 },
    key: { kty: 'oct', alg: 'A256CTR', k: key.k, key_ops: ['encrypt', 'decrypt'], ext: true },
  };
}
