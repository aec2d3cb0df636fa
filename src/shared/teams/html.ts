// HTML mail to plain text, only so that the invitation's text fields ("Meeting ID: …") can be read.
// Links are found in the raw HTML instead (they live in href attributes). Each step is one native
// replace with a constant replacement, linear and without a per-match callback.

const HTML_MARKER = /<(?:html|body|div|p|br|span|table|a|meta)\b/i;
// Tag names are followed by a blank, `/` or `>`, so `<https://…>` (plain-text mail) is not a tag.
const BLOCK_TAG = /<(?:br|p|div|tr|li|table|h[1-6])(?:[\s/][^<>]*)?>|<\/(?:p|div|tr|li|table|h[1-6])\s*>/gi;
const ANY_TAG = /<\/?[a-zA-Z][a-zA-Z0-9]*(?:[\s/][^<>]*)?>|<!--|-->/g;

export function looksLikeHtml(text: string): boolean {
  return HTML_MARKER.test(text);
}

/**
 * Block tags become line breaks, other tags disappear, and the entities an invitation uses are
 * decoded (`&amp;` last, so `&amp;lt;` stays `&lt;`). Style and script text stay: they cannot hold
 * "Meeting ID:" lines that matter, and removing them safely costs more than it is worth.
 */
export function htmlToText(html: string): string {
  return html
    .replace(BLOCK_TAG, '\n')
    .replace(ANY_TAG, '')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, ' ')
    .replace(/&lt;|&#60;/gi, '<')
    .replace(/&gt;|&#62;/gi, '>')
    .replace(/&quot;|&#34;/gi, '"')
    .replace(/&apos;|&#39;/gi, "'")
    .replace(/&amp;|&#38;/gi, '&');
}
