// Every call request settles with data or one of these stable error codes. The codes are the
// contract (the app maps them to messages in both languages); the message is for logs and humans.
import { z } from 'zod';
import { CodedError, codedErrorPayloadSchema, isErrorCodeOf } from '../errors/codedError.ts';

export const CALL_ERROR_CODES = [
  // Matrix auth at join time.
  'auth-invalid-token', // the homeserver does not know this OpenID token (unknown, expired or forged)
  'auth-user-mismatch', // the token belongs to someone other than the claimed user id
  'auth-not-member', // the user is not joined to the room
  'auth-homeserver-not-allowed', // this SFU does not serve users of that homeserver
  'auth-homeserver-unreachable', // the homeserver did not answer (retry later)
  'removed-from-room', // the user was kicked, banned or left the room during the call: not let back in
  // Limits (issue 14): each names what was exceeded in its message; none affects other peers or calls.
  'rate-limited', // too many attempts (joins, messages): retry after the error's retryAfterMs
  'limit-exceeded', // a per-peer or per-user limit (transports, producers, consumers, devices)
  'server-busy', // a global budget is used up (transports/ports, sockets): retry later or another SFU
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

export const callErrorPayloadSchema = codedErrorPayloadSchema(CALL_ERROR_CODES).extend({
  /** With rate-limited and server-busy: how long the client should wait before trying again. */
  retryAfterMs: z.number().int().min(0).optional(),
});

export type CallErrorPayload = z.infer<typeof callErrorPayloadSchema>;

export class CallError extends CodedError<CallErrorCode> {
  readonly retryAfterMs: number | undefined;

  constructor(code: CallErrorCode, message: string, retryAfterMs?: number) {
    super('CallError', code, message);
    this.retryAfterMs = retryAfterMs;
  }

  override toPayload(): CallErrorPayload {
    const payload = super.toPayload();
    return this.retryAfterMs === undefined ? payload : { ...payload, retryAfterMs: this.retryAfterMs };
  }
}

export function isCallErrorCode(value: unknown): value is CallErrorCode {
  return isErrorCodeOf(CALL_ERROR_CODES, value);
}
