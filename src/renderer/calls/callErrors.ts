// What went wrong, in the terms the UI explains: the SFU's stable error codes and the browser's
// media errors mapped to the call state's error codes.
import { CallError } from '../../shared/call/index.ts';
import type { CallErrorCode } from './callState.ts';

export function errorCodeOf(error: unknown): CallErrorCode {
  if (error instanceof CallError) {
    if (error.code === 'auth-not-member') return 'not-allowed';
    if (error.code.startsWith('auth-')) return 'auth-failed';
    if (error.code === 'connection-closed' || error.code === 'timeout') return 'sfu-unreachable';
    if (error.code === 'call-full') return 'call-full';
  }
  if (error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'NotFoundError'))
    return 'media-denied';
  return 'unknown';
}
