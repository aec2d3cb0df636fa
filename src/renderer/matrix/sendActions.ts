// Outgoing operations as the spec shapes them: messages, replies, edits, reactions, deletions and
// files. None is sent from here: each is queued in the durable outbox with its transaction id fixed
// now, and the outbox sends it when it can, exactly once.
import { EventType, RelationType, type MatrixClient } from 'matrix-js-sdk';
import { markdownToContent, type MessageStyle } from './messageContent.ts';
import { withMentions, type MentionCandidate } from './mentions.ts';
import { checkUploadSize, serverUploadLimit, type FileCaption } from './attachments.ts';
import { forwardContent } from './forward.ts';
import { newTxnId, type BlobStore, type QueuedFileContent } from './outbox/matrixOutbox.ts';
import type { Outbox } from './outbox/outboxRunner.ts';
import { threadRelation } from './threads.ts';

export interface SendContext {
  outbox: Outbox;
  blobs: BlobStore;
  client: MatrixClient;
}

export async function sendText(
  { outbox }: SendContext,
  roomId: string,
  text: string,
  replyToEventId: string | null,
  mentions: readonly MentionCandidate[] = [],
  style: MessageStyle = 'text',
): Promise<void> {
  const content = withMentions(markdownToContent(text, style), mentions);
  const relation = replyToEventId ? { 'm.relates_to': { 'm.in_reply_to': { event_id: replyToEventId } } } : {};
  await outbox.add({
    txnId: newTxnId(),
    roomId,
    kind: replyToEventId ? 'reply' : 'message',
    eventType: EventType.RoomMessage,
    content: { ...content, ...relation },
  });
}

/** Where a reply in a thread goes: its root, the thread's latest event, and the message answered if any. */
export interface ThreadTarget {
  rootId: string;
  latestEventId: string;
  replyToEventId: string | null;
}

/** A message in a thread: queued in the outbox like any other, so it is sent once, offline included. */
export async function sendThreadReply(
  { outbox }: SendContext,
  roomId: string,
  thread: ThreadTarget,
  text: string,
  mentions: readonly MentionCandidate[] = [],
  style: MessageStyle = 'text',
): Promise<void> {
  const content = withMentions(markdownToContent(text, style), mentions);
  await outbox.add({
    txnId: newTxnId(),
    roomId,
    kind: thread.replyToEventId ? 'reply' : 'message',
    eventType: EventType.RoomMessage,
    content: { ...content, 'm.relates_to': threadRelation(thread.rootId, thread.latestEventId, thread.replyToEventId) },
  });
}

export async function sendEdit({ outbox }: SendContext, roomId: string, eventId: string, text: string): Promise<void> {
  const content = markdownToContent(text);
  await outbox.add({
    txnId: newTxnId(),
    roomId,
    kind: 'edit',
    eventType: EventType.RoomMessage,
    content: {
      ...content,
      body: `* ${content.body}`,
      'm.new_content': content,
      'm.relates_to': { rel_type: RelationType.Replace, event_id: eventId },
    },
  });
}

export async function sendReaction({ outbox }: SendContext, roomId: string, eventId: string, key: string): Promise<void> {
  await outbox.add({
    txnId: newTxnId(),
    roomId,
    kind: 'reaction',
    eventType: EventType.Reaction,
    content: { 'm.relates_to': { rel_type: RelationType.Annotation, event_id: eventId, key } },
  });
}

export async function sendRedaction({ outbox }: SendContext, roomId: string, eventId: string): Promise<void> {
  await outbox.add({
    txnId: newTxnId(),
    roomId,
    kind: 'redaction',
    eventType: EventType.RoomRedaction,
    content: {},
    redacts: eventId,
  });
}

/** A copy of a message's content sent to another room (see forward.ts for what is left out). */
export async function sendForward(
  { outbox }: SendContext,
  roomId: string,
  content: Readonly<Record<string, unknown>>,
): Promise<void> {
  await outbox.add({
    txnId: newTxnId(),
    roomId,
    kind: 'message',
    eventType: EventType.RoomMessage,
    content: forwardContent(content),
  });
}

let lastKnownUploadLimit: number | undefined;

/** A file to send with its own caption (Markdown, as a message; empty for none). */
export interface CaptionedFile {
  file: File;
  caption: string;
}

/**
 * Queues files: their bytes wait in the encrypted local database until they can be uploaded, one
 * outbox entry each, in order, each with its caption; in a thread, each is
 * a reply in it (the same relation as a message there). Every size is checked before anything is
 * queued, against the server's limit (remembered from the last time it answered) and Relais's own:
 * one file over it refuses the lot (AttachmentTooLargeError naming it), so nothing is sent half.
 */
export async function sendFiles(
  { outbox, blobs, client }: SendContext,
  roomId: string,
  files: readonly CaptionedFile[],
  thread: ThreadTarget | null = null,
): Promise<void> {
  lastKnownUploadLimit = (await serverUploadLimit(client)) ?? lastKnownUploadLimit;
  for (const { file } of files) checkUploadSize(file, lastKnownUploadLimit);
  const relation = thread ? threadRelation(thread.rootId, thread.latestEventId, thread.replyToEventId) : null;
  for (const { file, caption } of files) {
    const txnId = newTxnId();
    await blobs.put(txnId, await file.arrayBuffer());
    const content: QueuedFileContent = {
      name: file.name,
      mimetype: file.type || 'application/octet-stream',
      size: file.size,
      ...(caption.trim() ? { caption: captionOf(caption) } : {}),
      ...(relation ? { 'm.relates_to': relation } : {}),
    };
    await outbox.add({ txnId, roomId, kind: 'file', eventType: EventType.RoomMessage, content: { ...content } });
  }
}

function captionOf(text: string): FileCaption {
  const { body, format, formatted_body } = markdownToContent(text);
  return format && formatted_body ? { body, format, formatted_body } : { body };
}
