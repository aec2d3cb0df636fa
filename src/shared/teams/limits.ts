// Hard caps that keep every entry point fast on hostile input: each one bounds the work of a loop or
// of a parser that could otherwise grow with the attacker's input (see hostile.test.ts and the fuzz test).

/** Longest single link considered; real meeting links are under 1 KiB, wrapped ones a few KiB. */
export const MAX_URL_LENGTH = 64 * 1024;

/** Only this much of a message, mail body or `.ics` file is scanned. */
export const MAX_TEXT_LENGTH = 2 * 1024 * 1024;

/** At most this many links are returned from one text... */
export const MAX_LINKS = 100;

/** ...and at most this many link candidates are examined, valid or not (each costs up to ~50 µs)... */
export const MAX_CANDIDATES = 500;

/** ...totalling at most this many characters (a 64 KiB candidate costs ~0.5 ms to reject). */
export const MAX_CANDIDATE_CHARS = 512 * 1024;

/** The `context` JSON is ~120 characters; anything much longer is refused before `JSON.parse`. */
export const MAX_CONTEXT_LENGTH = 2048;

/** Same for the `X-MICROSOFT-SKYPETEAMSPROPERTIES` JSON. */
export const MAX_PROPERTIES_JSON_LENGTH = 4096;

/** Percent-decoding rounds for one value: links are seen encoded up to twice, allow one more. */
export const MAX_DECODE_ROUNDS = 3;

/** Nested mail-security wrappers removed before giving up (Safe Links around Proofpoint is 2). */
export const MAX_UNWRAP_DEPTH = 5;

/** Teams forms nested inside each other (launcher → `/_#/…` → meetup-join is 2). */
export const MAX_FORM_DEPTH = 3;
