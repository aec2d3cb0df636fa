// Which sync protocol a session uses, and why. Pure: the inputs are what the server's /versions said
// and what machine policy (or the user) chose; the output is the mode plus a sentence for the log, so
// a support engineer can tell from the console why a client is on classic /sync.
import type { EffectiveSettings } from '../../../shared/policy/settings.ts';

/** The `syncMode` setting from machine policy: `auto` follows the server. */
export type SyncModeSetting = EffectiveSettings['syncMode'];
export type SyncMode = 'sliding' | 'classic';

/** MSC4186 (simplified sliding sync) as Synapse advertises it in `/versions`. */
export const SIMPLIFIED_SLIDING_SYNC_FEATURE = 'org.matrix.simplified_msc3575';

/** What the server said about simplified sliding sync; `unknown` when /versions could not be read. */
export type ServerSupport = 'supported' | 'unsupported' | 'unknown';

export interface SyncChoice {
  mode: SyncMode;
  reason: string;
}

/** Reads the capability out of a `/versions` body, defensively: anything unexpected means unsupported. */
export function slidingSyncSupport(versions: unknown): ServerSupport {
  if (typeof versions !== 'object' || versions === null) return 'unknown';
  const features = (versions as { unstable_features?: unknown }).unstable_features;
  if (typeof features !== 'object' || features === null) return 'unsupported';
  return (features as Record<string, unknown>)[SIMPLIFIED_SLIDING_SYNC_FEATURE] === true ? 'supported' : 'unsupported';
}

export function chooseSyncMode(setting: SyncModeSetting, support: ServerSupport): SyncChoice {
  if (setting === 'classic') return { mode: 'classic', reason: 'classic /sync forced by the syncMode setting' };
  if (support === 'supported') {
    return {
      mode: 'sliding',
      reason:
        setting === 'sliding'
          ? 'simplified sliding sync required by the syncMode setting and offered by the server'
          : 'the server offers simplified sliding sync (MSC4186)',
    };
  }
  // Offline, classic: it replays the offline cache at once (sliding sync in matrix-js-sdk does not read
  // the store). `sliding` is a preference, never a way to lose the connection: a server without the
  // endpoint would answer 404 forever, so the client falls back and says so.
  const why =
    support === 'unknown'
      ? 'could not read the server /versions (offline?)'
      : `the server does not advertise ${SIMPLIFIED_SLIDING_SYNC_FEATURE}`;
  return {
    mode: 'classic',
    reason: setting === 'sliding' ? `${why}: falling back to classic /sync despite syncMode "sliding"` : `${why}: classic /sync`,
  };
}
