// Validation of every identifier that can reach a result. Nothing leaves this module's patterns:
// fields that fail are dropped (optional ones) or make the whole link unrecognised (required ones).
// The patterns have no nested quantifiers, so they run in linear time on any input.

/** `19:` + safe characters + `@thread.v2` (meetings, chats), `.skype` (older) or `.tacv2` (channels). */
export const THREAD_ID_PATTERN = /^19:[A-Za-z0-9._-]{1,256}@thread\.(?:v2|skype|tacv2)$/;

/** Message ids are decimal (epoch milliseconds for channel meetings, `0` for scheduled ones). */
export const MESSAGE_ID_PATTERN = /^[0-9]{1,20}$/;

/** Tenant and organiser ids, after normalisation to lower case. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Meeting ids of `/meet/` links and of the "Meeting ID:" line: 12 to 15 digits seen, allow 10 to 20. */
export const MEETING_ID_PATTERN = /^[0-9]{10,20}$/;

/** Passcodes are short alphanumeric tokens ("Passcode: 4Ma6Eq"). */
export const PASSCODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** Phone and VTC conference ids, digits only once spaces are removed. */
export const CONFERENCE_ID_PATTERN = /^[0-9]{4,20}$/;

/** A SIP-style address: `user@domain` with plain DNS labels, no scheme, no parameters. */
export const DIAL_STRING_PATTERN = /^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10}$/;

export function isThreadId(value: string): boolean {
  return THREAD_ID_PATTERN.test(value);
}

export function isMessageId(value: string): boolean {
  return MESSAGE_ID_PATTERN.test(value);
}

/** The lower-case GUID, or undefined: GUIDs are case-insensitive and canonical URLs must be stable. */
export function normaliseGuid(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length !== 36) return undefined;
  const lower = value.toLowerCase();
  return GUID_PATTERN.test(lower) ? lower : undefined;
}

export function isMeetingId(value: string): boolean {
  return MEETING_ID_PATTERN.test(value);
}

export function isPasscode(value: string): boolean {
  return PASSCODE_PATTERN.test(value);
}

export function isConferenceId(value: string): boolean {
  return CONFERENCE_ID_PATTERN.test(value);
}

export function isDialString(value: string): boolean {
  return value.length <= 320 && DIAL_STRING_PATTERN.test(value);
}
