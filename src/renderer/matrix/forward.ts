// What a forwarded message carries: a copy of what the message says now (its latest edit), without
// anything tying it to the room it came from (reply, thread, edit, reactions relations) and without its
// reply quote. Mentions are dropped too: forwarding must not ping people of the first room again.

const HTML_REPLY = /^<mx-reply>[\s\S]*?<\/mx-reply>/;

export function forwardContent(content: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...content };
  const relation = content['m.relates_to'] as { 'm.in_reply_to'?: unknown } | null | undefined;
  const isReply = relation?.['m.in_reply_to'] !== undefined;
  delete copy['m.relates_to'];
  delete copy['m.new_content'];
  delete copy['m.mentions'];
  // Only a reply's quote is a fallback; a message that merely starts with "> " keeps its quote.
  if (isReply && typeof copy.body === 'string') copy.body = withoutQuoteFallback(copy.body);
  if (isReply && typeof copy.formatted_body === 'string') copy.formatted_body = copy.formatted_body.replace(HTML_REPLY, '');
  return copy;
}

/** A reply's text starts with its quoted fallback ("> <@a:b> text", then a blank line). */
function withoutQuoteFallback(body: string): string {
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').startsWith('> ')) i++;
  if (i === 0 || i >= lines.length || lines[i] !== '') return body;
  return lines.slice(i + 1).join('\n');
}
