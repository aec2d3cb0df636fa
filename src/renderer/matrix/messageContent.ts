// Builds the content of an outgoing message: Markdown becomes HTML only when it adds formatting, so
// plain messages stay plain (as other Matrix clients expect).
import { MsgType } from 'matrix-js-sdk';
import { marked } from 'marked';

export interface TextContent {
  msgtype: MsgType.Text | MsgType.Emote;
  body: string;
  format?: 'org.matrix.custom.html';
  formatted_body?: string;
}

/** How a message is sent: as written with Markdown (the default), as an action (/me), or as typed (/plain). */
export type MessageStyle = 'text' | 'emote' | 'plain';

export function markdownToContent(text: string, style: MessageStyle = 'text'): TextContent {
  const body = text.trim();
  const msgtype = style === 'emote' ? MsgType.Emote : MsgType.Text;
  if (style === 'plain') return { msgtype, body };
  const html = marked.parseInline(escapeHtml(body), { async: false, gfm: true, breaks: true });
  // Only tags mean formatting; entities alone (quotes, ampersands) do not.
  if (!/<(?!br>)[a-z]/i.test(html)) return { msgtype, body };
  return { msgtype, body, format: 'org.matrix.custom.html', formatted_body: html };
}

/** Raw HTML typed by the user is shown as text, not interpreted. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
