// Microsoft Teams meeting-link recogniser: pure functions, no I/O, safe on hostile input.
//
//   parseTeamsLink(link)        one link → TeamsMeeting | null
//   inspectLink(link)           one link → meeting | opaque-wrapper (e.g. Mimecast) | not-teams
//   findTeamsLinks(text)        message / mail / .ics → distinct meetings in order of appearance
//   inspectLinksInText(text)    same, plus opaque-wrapped links
//   parseTeamsInvitation(text)  .ics or invitation mail → join link, ids, passcode, dial-in, VTC
//
// Mail-security wrappers (Safe Links, Proofpoint, Barracuda, Cisco) are undone before validation;
// only allowlisted hosts and validated ids ever appear in a result.
export { parseTeamsInvitation } from './invitation.ts';
export { inspectLink, parseTeamsLink } from './link.ts';
export { findTeamsLinks, inspectLinksInText } from './scan.ts';
export { TEAMS_HOSTS, DEFAULT_TEAMS_HOST } from './hosts.ts';
export type {
  LinkInspection,
  LinkWrapper,
  OpaqueWrapper,
  TeamsCloud,
  TeamsHost,
  TeamsInvitation,
  TeamsMeeting,
  TeamsMeetMeeting,
  TeamsMeetupJoinMeeting,
  TeamsVtcInfo,
} from './types.ts';
