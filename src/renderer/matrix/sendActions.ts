// Outgoing message operations: plain sends, replies, edits and reactions, as the spec shapes them.
import { EventType, RelationType, type MatrixClient } from 'matrix-js-sdk';
import { markdownToContent } from './messageContent.ts';
import { withMentions, type MentionCandidate } from './mentions.ts';

export async function sendText(
  client: MatrixClient,
  roomId: string,
  text: string,
  replyToEventId: string | null,
  mentions: readonly MentionCandidate[] = [],
): Promise<void> {
  const content = withMentions(markdownToContent(text), mentions);
  if (replyToEventId)
    await client.sendMessage(roomId, { ...content, 'm.relates_to': { 'm.in_reply_to': { event_id: replyToEventId } } });
  else await client.sendMessage(roomId, content);
}

export async function sendEdit(client: MatrixClient, roomId: string, eventId: string, text: string): Promise<void> {
  const content = markdownToContent(text);
  await client.sendMessage(roomId, {
    ...content,
    body: `* ${content.body}`,
    'm.new_content': content,
    'm.relates_to': { rel_type: RelationType.Replace, event_id: eventId },
  });
}

export async function sendReaction(client: MatrixClient, roomId: string, eventId: string, key: string): Promise<void> {
  await client.sendEvent(roomId, EventType.Reaction, {
    'm.relates_to': { rel_type: RelationType.Annotation, event_id: eventId, key },
  });
}
