// Mentions in the composer: finding what is being typed after "@", proposing members, and turning
// chosen names into proper mentions (a matrix.to pill in the HTML body and m.mentions for push rules).
import { normalizeForSearch } from './roomFilter.ts';
import { escapeHtml, type TextContent } from './messageContent.ts';

export interface MentionCandidate {
  userId: string;
  name: string;
}

export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  query: string;
}

/** The "@query" right before the caret, if the user is typing one. */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,32})$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

export function mentionCandidates(
  members: readonly MentionCandidate[],
  query: string,
  myUserId: string,
  limit = 6,
): MentionCandidate[] {
  const needle = normalizeForSearch(query);
  return members
    .filter((m) => m.userId !== myUserId)
    .filter((m) => !needle || normalizeForSearch(m.name).includes(needle) || m.userId.toLowerCase().includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Replaces the "@query" with the chosen name; returns the new text and caret position. */
export function insertMention(text: string, at: MentionQuery, chosen: MentionCandidate): { text: string; caret: number } {
  const inserted = `${chosen.name} `;
  const next = text.slice(0, at.start) + inserted + text.slice(at.start + 1 + at.query.length);
  return { text: next, caret: at.start + inserted.length };
}

/** Adds m.mentions and the HTML pills for the mentions still present in the text. */
export function withMentions(
  content: TextContent,
  mentions: readonly MentionCandidate[],
): TextContent & { 'm.mentions': { user_ids: string[] } } {
  const present = mentions.filter(
    (m, i, all) => content.body.includes(m.name) && all.findIndex((o) => o.userId === m.userId) === i,
  );
  const userIds = present.map((m) => m.userId);
  if (present.length === 0) return { ...content, 'm.mentions': { user_ids: [] } };
  let html = content.formatted_body ?? escapeHtml(content.body).replace(/\n/g, '<br>');
  for (const m of present) {
    const pill = `<a href="https://matrix.to/#/${encodeURIComponent(m.userId)}">${escapeHtml(m.name)}</a>`;
    html = html.split(escapeHtml(m.name)).join(pill);
  }
  return { ...content, format: 'org.matrix.custom.html', formatted_body: html, 'm.mentions': { user_ids: userIds } };
}
