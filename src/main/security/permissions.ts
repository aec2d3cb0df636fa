// Which web permissions the renderer gets. Only the app's own origin, and only what chat and calls
// need: microphone, camera, screen capture and notifications. Everything else is denied.
import { isAppUrl, type AppOrigin } from './origins.ts';

export interface PermissionQuery {
  permission: string;
  requestingUrl: string | undefined;
  /** For 'media': which devices are asked for ('audio', 'video'); may be empty for a check. */
  mediaTypes?: readonly string[];
}

const ALWAYS_ALLOWED_FOR_APP = new Set(['display-capture', 'notifications']);
const ALLOWED_MEDIA_TYPES = new Set(['audio', 'video']);

export function isPermissionAllowed(query: PermissionQuery, appOrigins: readonly AppOrigin[]): boolean {
  if (!isAppUrl(query.requestingUrl, appOrigins)) return false;
  if (ALWAYS_ALLOWED_FOR_APP.has(query.permission)) return true;
  if (query.permission === 'media') {
    return (query.mediaTypes ?? []).every((t) => ALLOWED_MEDIA_TYPES.has(t));
  }
  return false;
}
