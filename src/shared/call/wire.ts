// The three message shapes on the WebSocket (JSON text frames), after protoo/mediasoup-demo:
//   { kind: 'request', id, method, data }            client → server
//   { kind: 'response', id, ok: true, data }         server → client, answers the request with that id
//   { kind: 'response', id, ok: false, error }       … or fails it with a stable code
//   { kind: 'notification', method, data }           server → client, unsolicited
import { z } from 'zod';
import { CallError, callErrorPayloadSchema, type CallErrorPayload } from './errors.ts';
import {
  callNotifications,
  isCallNotificationMethod,
  type CallNotification,
  type CallNotificationMethod,
  type CallNotificationData,
} from './notifications.ts';
import { callRequests, isCallMethod, type CallMethod, type CallRequestData, type CallResponseData } from './requests.ts';

/** WebSocket subprotocol clients offer, so a future incompatible protocol can be told apart. */
export const CALL_WS_SUBPROTOCOL = 'relais-call.v1';
/** Largest message either side accepts (SDP-derived parameters are a few KB). */
export const CALL_MAX_MESSAGE_BYTES = 256 * 1024;

const requestId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const requestEnvelopeSchema = z.object({
  kind: z.literal('request'),
  id: requestId,
  method: z.string().max(64),
  data: z.unknown().optional(),
});
export const responseEnvelopeSchema = z.union([
  z.object({ kind: z.literal('response'), id: requestId, ok: z.literal(true), data: z.unknown() }),
  z.object({ kind: z.literal('response'), id: requestId, ok: z.literal(false), error: callErrorPayloadSchema }),
]);
export const notificationEnvelopeSchema = z.object({
  kind: z.literal('notification'),
  method: z.string().max(64),
  data: z.unknown(),
});
const serverEnvelopeSchema = z.union([responseEnvelopeSchema, notificationEnvelopeSchema]);

export type ResponseEnvelope = z.infer<typeof responseEnvelopeSchema>;

/** A request whose method and data passed their schemas. */
export type ParsedCallRequest = {
  [M in CallMethod]: { id: number; method: M; data: z.output<(typeof callRequests)[M]['request']> };
}[CallMethod];

/** Server side: parse one text frame. On failure, `id` is the request id when it could be read, so the error can answer it. */
export function parseCallRequest(
  text: string,
): { ok: true; request: ParsedCallRequest } | { ok: false; id: number | null; error: CallErrorPayload } {
  const json = parseJson(text);
  const envelope = requestEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    const maybeId = requestId.safeParse((json as { id?: unknown } | null)?.id);
    return {
      ok: false,
      id: maybeId.success ? maybeId.data : null,
      error: { code: 'bad-request', message: 'Not a call request message' },
    };
  }
  const { id, method, data } = envelope.data;
  if (!isCallMethod(method)) return { ok: false, id, error: { code: 'unknown-method', message: `Unknown method ${method}` } };
  const parsed = callRequests[method].request.safeParse(data ?? {});
  if (!parsed.success)
    return { ok: false, id, error: { code: 'bad-request', message: `Invalid ${method}: ${describeIssues(parsed.error)}` } };
  return { ok: true, request: { id, method, data: parsed.data } as ParsedCallRequest };
}

export function encodeRequest<M extends CallMethod>(id: number, method: M, data: CallRequestData<M>): string {
  return JSON.stringify({ kind: 'request', id, method, data });
}

export function encodeResponse<M extends CallMethod>(id: number, _method: M, data: CallResponseData<M>): string {
  return JSON.stringify({ kind: 'response', id, ok: true, data });
}

export function encodeErrorResponse(id: number, error: CallErrorPayload): string {
  return JSON.stringify({ kind: 'response', id, ok: false, error });
}

export function encodeNotification<N extends CallNotificationMethod>(method: N, data: CallNotificationData<N>): string {
  return JSON.stringify({ kind: 'notification', method, data });
}

export type ServerMessage =
  { kind: 'response'; response: ResponseEnvelope } | { kind: 'notification'; notification: CallNotification };

/** Client side: parse one text frame from the server; a malformed or unknown message is an error. */
export function parseServerMessage(text: string): { ok: true; message: ServerMessage } | { ok: false; error: CallError } {
  const envelope = serverEnvelopeSchema.safeParse(parseJson(text));
  if (!envelope.success) return { ok: false, error: new CallError('bad-response', 'Malformed message from the SFU') };
  const value = envelope.data;
  if (value.kind === 'response') return { ok: true, message: { kind: 'response', response: value } };
  if (!isCallNotificationMethod(value.method)) {
    return { ok: false, error: new CallError('bad-response', `Unknown notification ${value.method}`) };
  }
  const data = callNotifications[value.method].safeParse(value.data);
  if (!data.success)
    return { ok: false, error: new CallError('bad-response', `Invalid ${value.method}: ${describeIssues(data.error)}`) };
  return {
    ok: true,
    message: { kind: 'notification', notification: { method: value.method, data: data.data } as CallNotification },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
