// Builds the content of an outgoing message: Markdown becomes HTML only when it adds formatting, so
// plain messages stay plain (as other Matrix clients expect). The body always stays the text as typed:
// it is what clients without HTML, notifications and search show.
import { MsgType } from 'matrix-js-sdk';
import { Marked } from 'marked';

export interface TextContent {
  msgtype: MsgType.Text | MsgType.Emote;
  body: string;
  format?: 'org.matrix.custom.html';
  formatted_body?: string;
}

/** How a message is sent: as written with Markdown (the default), as an action (/me), or as typed (/plain). */
export type MessageStyle = 'text' | 'emote' | 'plain';

// Block Markdown (lists, quotes, fenced code with its language, GFM tables) as Element sends it. Raw
// HTML typed by the user is shown as text, not interpreted: the renderer escapes it, in blocks and inline.
const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

export function markdownToContent(text: string, style: MessageStyle = 'text'): TextContent {
  const body = text.trim();
  const msgtype = style === 'emote' ? MsgType.Emote : MsgType.Text;
  if (style === 'plain') return { msgtype, body };
  const html = markdownToHtml(body);
  return html === null ? { msgtype, body } : { msgtype, body, format: 'org.matrix.custom.html', formatted_body: html };
}

/**
 * The HTML for a message's Markdown, or null when it would add nothing the plain body does not show
 * (paragraphs and line breaks only: the timeline keeps the body's line breaks). A single paragraph is
 * sent without its <p>, as before block Markdown, so one-line messages look the same in every client.
 */
export function markdownToHtml(text: string): string | null {
  const html = markdown.parse(text, { async: false }).trim();
  // Only tags mean formatting; entities alone (quotes, ampersands) do not.
  if (!/<(?!\/?p>|br>)[a-z]/i.test(html)) return null;
  const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return single?.[1] !== undefined && !single[1].includes('<p>') ? single[1] : html;
}

/** Raw HTML typed by the user is shown as text, not interpreted. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
