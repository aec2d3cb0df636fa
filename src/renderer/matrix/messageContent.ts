// Builds the content of an outgoing message: Markdown becomes HTML only when it adds formatting, so
// plain messages stay plain (as other Matrix clients expect).
import { MsgType } from 'matrix-js-sdk';
import { marked } from 'marked';

export interface TextContent {
  msgtype: MsgType.Text;
  body: string;
  format?: 'org.matrix.custom.html';
  formatted_body?: string;
}

export function markdownToContent(text: string): TextContent {
  const body = text.trim();
  const html = marked.parseInline(escapeHtml(body), { async: false, gfm: true, breaks: true });
  // Only tags mean formatting; entities alone (quotes, ampersands) do not.
  if (!/<(?!br>)[a-z]/i.test(html)) return { msgtype: MsgType.Text, body };
  return { msgtype: MsgType.Text, body, format: 'org.matrix.custom.html', formatted_body: html };
}

/** Raw HTML typed by the user is shown as text, not interpreted. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
