// Whether a failed send should be retried. Permanent failures stop for that message only; the user
// sees it as failed with Retry and Delete. Everything that may pass later is retried.
export type PermanentReason = 'forbidden' | 'not-in-room' | 'too-large' | 'rejected';

export type FailureVerdict = { kind: 'transient'; retryAfterMs?: number } | { kind: 'permanent'; reason: PermanentReason };

export interface SendError {
  /** HTTP status, absent when the request never got an answer (network down, DNS, timeout). */
  httpStatus?: number;
  errcode?: string;
  retryAfterMs?: number;
  /** Failed before sending: the room was not ready yet (just created or joined). Transient. */
  roomNotReady?: boolean;
}

export function classifySendError(error: SendError): FailureVerdict {
  const { httpStatus, errcode } = error;
  if (httpStatus === undefined) return { kind: 'transient' };
  if (httpStatus === 429 || errcode === 'M_LIMIT_EXCEEDED') {
    return error.retryAfterMs !== undefined ? { kind: 'transient', retryAfterMs: error.retryAfterMs } : { kind: 'transient' };
  }
  if (httpStatus >= 500) return { kind: 'transient' };
  // A token that stopped working is a session problem, not this message's: keep it queued.
  if (httpStatus === 401 || errcode === 'M_UNKNOWN_TOKEN') return { kind: 'transient' };
  if (httpStatus === 413 || errcode === 'M_TOO_LARGE') return { kind: 'permanent', reason: 'too-large' };
  if (httpStatus === 404 || errcode === 'M_NOT_FOUND') return { kind: 'permanent', reason: 'not-in-room' };
  if (httpStatus === 403 || errcode === 'M_FORBIDDEN') return { kind: 'permanent', reason: 'forbidden' };
  if (httpStatus >= 400) return { kind: 'permanent', reason: 'rejected' };
  return { kind: 'transient' };
}
