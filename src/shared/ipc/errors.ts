// Every IPC call settles with a value or one of these typed errors, never an untyped throw.
import { CodedError, isErrorCodeOf, type CodedErrorPayload } from '../errors/codedError.ts';

export const IPC_ERROR_CODES = [
  'unknown-channel',
  'forbidden-sender',
  'invalid-arguments',
  'invalid-response',
  'timeout',
  'unavailable',
  'keychain-locked',
  'keychain-unavailable',
  'not-allowed',
  'internal',
] as const;

export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export type IpcErrorPayload = CodedErrorPayload<IpcErrorCode>;

export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: IpcErrorPayload };

export class IpcError extends CodedError<IpcErrorCode> {
  constructor(code: IpcErrorCode, message: string) {
    super('IpcError', code, message);
  }
}

export function isIpcErrorCode(value: unknown): value is IpcErrorCode {
  return isErrorCodeOf(IPC_ERROR_CODES, value);
}

/** Turns whatever crossed the bridge into an envelope; anything malformed becomes an internal error. */
export function parseEnvelope(raw: unknown): IpcEnvelope<unknown> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const r = raw as { ok: unknown; value?: unknown; error?: unknown };
    if (r.ok === true) return { ok: true, value: r.value };
    if (r.ok === false && typeof r.error === 'object' && r.error !== null) {
      const e = r.error as { code?: unknown; message?: unknown };
      if (isIpcErrorCode(e.code) && typeof e.message === 'string') {
        return { ok: false, error: { code: e.code, message: e.message } };
      }
    }
  }
  return { ok: false, error: { code: 'internal', message: 'Malformed IPC reply' } };
}
