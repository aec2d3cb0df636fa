// What went wrong, in the terms the UI explains: the SFU's stable error codes and the browser's
// media errors mapped to the call state's error codes, and which of them are worth another try.
import { CallError } from '../../shared/call/index.ts';
import type { CallErrorCode } from './callState.ts';

export function errorCodeOf(error: unknown): CallErrorCode {
  if (error instanceof CallError) {
    if (error.code === 'auth-not-member') return 'not-allowed';
    if (error.code === 'removed-from-room') return 'removed';
    if (error.code.startsWith('auth-')) return 'auth-failed';
    if (error.code === 'connection-closed' || error.code === 'timeout') return 'sfu-unreachable';
    if (error.code === 'call-full') return 'call-full';
    if (error.code === 'rate-limited' || error.code === 'limit-exceeded' || error.code === 'server-busy') return error.code;
  }
  if (error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'NotFoundError'))
    return 'media-denied';
  return 'unknown';
}

/**
 * During a repair: `final` errors end the call at once (a removed member or a refused identity will
 * be refused again), the others are retried within the window, after `retryAfterMs` when the SFU
 * named a wait (rate-limited, server-busy).
 */
export type RetryVerdict = { final: true; code: CallErrorCode } | { final: false; retryAfterMs?: number };

const FINAL_SFU_CODES = new Set(['removed-from-room', 'auth-not-member', 'auth-user-mismatch', 'auth-homeserver-not-allowed']);

export function retryVerdict(error: unknown): RetryVerdict {
  if (error instanceof CallError) {
    if (FINAL_SFU_CODES.has(error.code)) return { final: true, code: errorCodeOf(error) };
    return error.retryAfterMs === undefined ? { final: false } : { final: false, retryAfterMs: error.retryAfterMs };
  }
  return { final: false };
}

/**
 * On the first join: wait and try again only when the SFU said how long (rate-limited, server-busy)
 * and the wait is short; anything else is explained to the user right away.
 */
export function initialJoinRetryMs(error: unknown, waitedMs: number, budgetMs: number): number | null {
  if (!(error instanceof CallError)) return null;
  if (error.code !== 'rate-limited' && error.code !== 'server-busy') return null;
  const wait = error.retryAfterMs ?? 1_000;
  return waitedMs + wait <= budgetMs ? wait : null;
}
