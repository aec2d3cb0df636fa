// The line under a room's name in the list: who said what last. Pure, over a minimal event shape, so
// the live list (matrix-js-sdk events) and the cached list (raw events from the offline cache) agree.

export interface PreviewableEvent {
  type: string;
  content: Record<string, unknown>;
  senderName: string;
  redacted: boolean;
}

export const PREVIEW_MAX_LENGTH = 120;

/**
 * The latest message, as "name: text". Undefined when there is none, or when the latest one cannot be
 * read yet (still encrypted): an older message shown instead would pass for the latest.
 */
export function messagePreview(events: readonly PreviewableEvent[]): string | undefined {
  const event = events[previewSource(events)];
  return event ? (lineOf(event) ?? undefined) : undefined;
}

/**
 * The index of the event the preview is decided by (the latest message, or the encrypted event that
 * hides it), -1 when no event decides it. Events before it cannot change the preview: a timeline
 * trimmed to start there (sync/timelineRelease.ts) keeps the same line in the list.
 */
export function previewSource(events: readonly PreviewableEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event && lineOf(event) !== null) return i;
  }
  return -1;
}

/** The event's line; undefined when it cannot be read yet (still encrypted); null when it has none. */
function lineOf(event: PreviewableEvent): string | undefined | null {
  if (event.redacted) return null;
  if (event.type === 'm.room.encrypted') return undefined;
  if (event.type !== 'm.room.message') return null;
  const relation = event.content['m.relates_to'] as { rel_type?: unknown } | undefined;
  const newContent = event.content['m.new_content'];
  const content =
    relation?.rel_type === 'm.replace' && typeof newContent === 'object' && newContent !== null
      ? (newContent as Record<string, unknown>)
      : event.content;
  const body = typeof content['body'] === 'string' ? withoutReplyFallback(content['body']) : '';
  if (!body) return null;
  const line = content['msgtype'] === 'm.emote' ? `* ${event.senderName} ${body}` : `${event.senderName}: ${body}`;
  return line.length > PREVIEW_MAX_LENGTH ? `${line.slice(0, PREVIEW_MAX_LENGTH - 1)}…` : line;
}

/** Replies quote their parent as "> " lines before a blank line; the list shows the reply itself. */
function withoutReplyFallback(body: string): string {
  const lines = body.split('\n');
  let start = 0;
  while (start < lines.length && lines[start]?.startsWith('> ')) start++;
  const rest = start > 0 && lines[start] === '' ? lines.slice(start + 1) : lines;
  return rest.join(' ').replace(/\s+/g, ' ').trim();
}
