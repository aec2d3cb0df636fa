// Finds meeting links in free text: chat messages, plain-text or HTML mail, `.ics` files.
// Candidates start at `https://` or `msteams:/` and end where a URL cannot continue in running text;
// each candidate then goes through `inspectLink`, so text scanning accepts exactly what it accepts.
import { icsToScanText, looksLikeIcs } from './ics.ts';
import { MAX_CANDIDATE_CHARS, MAX_CANDIDATES, MAX_LINKS, MAX_TEXT_LENGTH, MAX_URL_LENGTH } from './limits.ts';
import { inspectLink } from './link.ts';
import type { LinkInspection, TeamsMeeting } from './types.ts';

const LINK_START = 'https://|msteams:/';
const TRAILING_PUNCTUATION = '.,;:!?*';

/** Characters that end a URL in running text: blanks (incl. Unicode ones), controls, `<`, `>`. */
function isBreak(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0x3c ||
    code === 0x3e ||
    code === 0x7f ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Where the candidate starting at `start` ends. Quotes end it, except inside `{…}` so that an
 * unencoded `context={"Tid":"…"}` survives; an unbalanced `)`, `]` or `}` ends it (Markdown, prose).
 */
function candidateEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_URL_LENGTH);
  let braces = 0;
  let parens = 0;
  let brackets = 0;
  let i = start;
  scan: for (; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (isBreak(code)) break;
    switch (code) {
      case 0x7b: // {
        braces++;
        break;
      case 0x7d: // }
        if (braces === 0) break scan;
        braces--;
        break;
      case 0x28: // (
        parens++;
        break;
      case 0x29: // )
        if (parens === 0) break scan;
        parens--;
        break;
      case 0x5b: // [
        brackets++;
        break;
      case 0x5d: // ]
        if (brackets === 0) break scan;
        brackets--;
        break;
      case 0x27: // '
      case 0x60: // `
        break scan;
      case 0x22: // "
        if (braces === 0) break scan;
        break;
    }
  }
  while (i > start && TRAILING_PUNCTUATION.includes(text.charAt(i - 1))) i--;
  return i;
}

/** The text actually scanned: bounded, and unfolded/unescaped when it is an iCalendar file. */
export function prepareText(text: string): string {
  const bounded = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  return looksLikeIcs(bounded) ? icsToScanText(bounded) : bounded;
}

/**
 * Scans already prepared text. `cache` lets a caller scanning overlapping texts (an invitation and
 * its description) inspect each distinct candidate once.
 */
export function scanPreparedText(prepared: string, cache = new Map<string, LinkInspection>()): LinkInspection[] {
  const starts = new RegExp(LINK_START, 'gi');
  const seen = new Set<string>();
  const found: LinkInspection[] = [];
  let candidates = 0;
  let candidateChars = 0;
  for (let match = starts.exec(prepared); match; match = starts.exec(prepared)) {
    const end = candidateEnd(prepared, match.index);
    candidateChars += end - match.index;
    if (++candidates > MAX_CANDIDATES || candidateChars > MAX_CANDIDATE_CHARS || found.length >= MAX_LINKS) break;
    // Resume after the candidate: a URL nested unencoded inside it is not a link of its own.
    starts.lastIndex = Math.max(end, match.index + 1);
    const candidate = prepared.slice(match.index, end);
    let inspection = cache.get(candidate);
    if (inspection === undefined) {
      inspection = inspectLink(candidate);
      cache.set(candidate, inspection);
    }
    if (inspection.status === 'not-teams') continue;
    if (inspection.status === 'meeting') {
      if (seen.has(inspection.meeting.canonicalUrl)) continue;
      seen.add(inspection.meeting.canonicalUrl);
    }
    found.push(inspection);
  }
  return found;
}

/**
 * Every meeting link and every opaque-wrapped link of `text`, in order of appearance; meetings are
 * deduplicated by canonical URL. Never `not-teams` entries. Bounded by MAX_LINKS, MAX_CANDIDATES
 * and MAX_CANDIDATE_CHARS.
 */
export function inspectLinksInText(text: string): LinkInspection[] {
  if (typeof (text as unknown) !== 'string') return [];
  return scanPreparedText(prepareText(text));
}

/** Every distinct meeting in a message, mail body or `.ics` file, in order of appearance. */
export function findTeamsLinks(text: string): TeamsMeeting[] {
  return inspectLinksInText(text).flatMap((inspection) => (inspection.status === 'meeting' ? [inspection.meeting] : []));
}
