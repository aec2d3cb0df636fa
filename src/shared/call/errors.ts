// Every call request settles with data or one of these stable error codes. The codes are the
// contract (the app maps them to messages in both languages); the message is for logs and humans.
import { z } from 'zod';

export const CALL_ERROR_CODES = [
  // Matrix auth at join time.
  'auth-invalid-token', // the homeserver does not know this OpenID token (unknown, expired or forged)
  'auth-user-mismatch', // the token belongs to someone other than the claimed user id
  'auth-not-member', // the user is not joined to the room
  'auth-homeserver-not-allowed', // this SFU does not serve users of that homeserver
  'auth-homeserver-unreachable', // the homeserver did not answer (retry later)
  // Signaling.
  'bad-request', // malformed message or arguments that fail the schema
  'unknown-method',
  'not-joined', // the method needs a successful join first
  'already-joined',
  'not-found', // no such transport, producer or consumer (for this peer)
  'cannot-consume', // the client's RTP capabilities cannot receive that producer
  'call-full', // the call has reached the SFU's maxPeersPerCall
  'call-restarting', // the call's media worker died: re-join
  'server-shutting-down',
  'internal',
  // Client-side only: raised by the correlator, never sent by the server.
  'timeout',
  'connection-closed',
  'bad-response',
] as const;

export type CallErrorCode = (typeof CALL_ERROR_CODES)[number];

export const callErrorPayloadSchema = z.object({
  code: z.enum(CALL_ERROR_CODES),
  message: z.string(),
});

export type CallErrorPayload = z.infer<typeof callErrorPayloadSchema>;

export class CallError extends Error {
  readonly code: CallErrorCode;

  constructor(code: CallErrorCode, message: string) {
    super(message);
    this.name = 'CallError';
    this.code = code;
  }

  toPayload(): CallErrorPayload {
    return { code: this.code, message: this.message };
  }
}

export function isCallErrorCode(value: unknown): value is CallErrorCode {
  return typeof value === 'string' && (CALL_ERROR_CODES as readonly string[]).includes(value);
}
