// Entry points for one link: undo mail-security wrappers first, then recognise the Teams form.
import { decodeLinkEntities } from './decode.ts';
import { MAX_URL_LENGTH } from './limits.ts';
import { recogniseTeamsUrl } from './teamsUrl.ts';
import type { LinkInspection, TeamsMeeting } from './types.ts';
import { unwrapMailSecurity } from './wrappers.ts';

const NOT_TEAMS: LinkInspection = Object.freeze({ status: 'not-teams' });

/** Surrounding blanks, `<…>` (plain-text mail) and `&amp;` (HTML source) are not part of a link. */
function cleanLink(input: string): string {
  const trimmed = decodeLinkEntities(input.trim());
  return trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1).trim() : trimmed;
}

/**
 * Classifies one pasted or clicked link. Never throws; input over 64 KiB is `not-teams` unread.
 * `opaque-wrapper` lets the UI explain that a link rewritten by e.g. Mimecast cannot be checked offline.
 */
export function inspectLink(input: string): LinkInspection {
  // The type check guards callers outside TypeScript (IPC payloads, tests of hostile input).
  if (typeof (input as unknown) !== 'string' || input.length > MAX_URL_LENGTH) return NOT_TEAMS;
  const unwrapped = unwrapMailSecurity(cleanLink(input));
  if (unwrapped === null) return NOT_TEAMS;
  if (unwrapped.kind === 'opaque') {
    const { wrapper, wrappers, claimedTeamsHost } = unwrapped;
    return {
      status: 'opaque-wrapper',
      wrapper,
      unwrapped: wrappers,
      ...(claimedTeamsHost === null ? {} : { claimedTeamsHost }),
    };
  }
  const meeting = recogniseTeamsUrl(unwrapped.url);
  return meeting ? { status: 'meeting', meeting, unwrapped: unwrapped.wrappers } : NOT_TEAMS;
}

/** The meeting a single link leads to, or null (not Teams, look-alike host, malformed, opaque wrapper). */
export function parseTeamsLink(input: string): TeamsMeeting | null {
  const inspection = inspectLink(input);
  return inspection.status === 'meeting' ? inspection.meeting : null;
}
