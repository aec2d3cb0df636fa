// Public types of the Teams meeting-link recogniser. Everything here is plain data so results can
// cross the IPC bridge and be compared with deep equality.

/**
 * The Microsoft cloud a meeting lives in, derived only from the exact host name.
 * GCC ("moderate") tenants use the commercial hosts, so they report `'commercial'`.
 */
export type TeamsCloud = 'commercial' | 'consumer' | 'gcc-high' | 'dod' | 'china';

/** The only hosts a recognised meeting can point at (see `hosts.ts`). */
export type TeamsHost =
  | 'teams.microsoft.com'
  | 'teams.cloud.microsoft'
  | 'teams.live.com'
  | 'gov.teams.microsoft.us'
  | 'dod.teams.microsoft.us'
  | 'teams.microsoftonline.cn';

interface TeamsMeetingCommon {
  /** Lower-case host the link points at; `msteams:` links without a host get `teams.microsoft.com`. */
  readonly host: TeamsHost;
  readonly cloud: TeamsCloud;
  /**
   * One https URL per meeting, whatever form, encoding or mail-security wrapper the input used:
   * the key to deduplicate on and the URL to hand to a browser. Built only from validated fields.
   */
  readonly canonicalUrl: string;
}

/** The classic thread-based link: `https://<host>/l/meetup-join/<threadId>/<messageId>?context=…`. */
export interface TeamsMeetupJoinMeeting extends TeamsMeetingCommon {
  readonly kind: 'meetup-join';
  /** Decoded chat thread, e.g. `19:meeting_NjQ4…@thread.v2` (also `@thread.skype`, `@thread.tacv2`). */
  readonly threadId: string;
  /** Decimal message id; `'0'` for most scheduled meetings. */
  readonly messageId: string;
  /** Organiser's Entra tenant (`Tid` in the context), lower-case GUID; absent when missing or invalid. */
  readonly tenantId?: string;
  /** Organiser's object id (`Oid` in the context), lower-case GUID; absent when missing or invalid. */
  readonly organizerId?: string;
}

/** The short link introduced in 2024: `https://<host>/meet/<meetingId>?p=<passcode>`. */
export interface TeamsMeetMeeting extends TeamsMeetingCommon {
  readonly kind: 'meet';
  /** Digits only, the "Meeting ID" of the invitation without its spaces. */
  readonly meetingId: string;
  /** Absent when the link has none (the user is then asked for it) or it is not a safe token. */
  readonly passcode?: string;
}

export type TeamsMeeting = TeamsMeetupJoinMeeting | TeamsMeetMeeting;

/** Mail-security rewriters whose original URL can be recovered offline. */
export type LinkWrapper = 'safelinks' | 'proofpoint' | 'barracuda' | 'cisco';

/** Rewriters that keep the original URL on their server: it cannot be checked without opening it. */
export type OpaqueWrapper = 'mimecast';

/** What `inspectLink` found; `not-teams` also covers malformed, hostile and look-alike input. */
export type LinkInspection =
  | {
      readonly status: 'meeting';
      readonly meeting: TeamsMeeting;
      /** Wrappers removed to reach the meeting, outermost first (empty for a direct link). */
      readonly unwrapped: readonly LinkWrapper[];
    }
  | {
      readonly status: 'opaque-wrapper';
      readonly wrapper: OpaqueWrapper;
      readonly unwrapped: readonly LinkWrapper[];
      /**
       * The Teams host the wrapper says it leads to (Mimecast's `domain=` hint), when that is an
       * allowlisted host. A hint only, never proof: the UI may say "probably a Teams meeting".
       */
      readonly claimedTeamsHost?: TeamsHost;
    }
  | { readonly status: 'not-teams' };

/** The "Join with a video conferencing device" block of an invitation. */
export interface TeamsVtcInfo {
  /** Digits only ("VTC Conference ID", "Video ID", or the part before `@` of "Conference ID: 123@host"). */
  readonly conferenceId: string;
  /** SIP address to dial, e.g. the tenant key `123456789@t.plcm.vc` or `teams@vc.example.org`. */
  readonly dialString?: string;
  /** https URL of the "Alternate VTC instructions" / "More info" page, when given in plain text. */
  readonly instructionsUrl?: string;
}

/** What `parseTeamsInvitation` read from an `.ics` file or an invitation e-mail. */
export interface TeamsInvitation {
  /**
   * The link to join: `X-MICROSOFT-SKYPETEAMSMEETINGURL` when valid, else the last meetup-join link
   * of the text (the short `Join:` link comes first in new invitations), else the first meet link.
   * `null` when the invitation is clearly a Teams one but every link is opaque (see `opaqueWrappers`).
   */
  readonly meeting: TeamsMeeting | null;
  /** Every distinct meeting link in the invitation, in order of appearance. */
  readonly links: readonly TeamsMeeting[];
  /** Distinct opaque wrappers met, so the UI can explain why a link could not be checked. */
  readonly opaqueWrappers: readonly OpaqueWrapper[];
  /** `cid` of `X-MICROSOFT-SKYPETEAMSPROPERTIES`, when it is a valid thread id. */
  readonly threadId?: string;
  /** "Meeting ID: 123 456 789 012" as digits, else the id of a meet link. */
  readonly meetingId?: string;
  /** "Passcode: …", else the passcode of a meet link. */
  readonly passcode?: string;
  /** "Phone conference ID: 123 456 789#" as digits. */
  readonly phoneConferenceId?: string;
  readonly vtc?: TeamsVtcInfo;
}
