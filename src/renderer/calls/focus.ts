// Which SFU a call uses, and which ICE servers. Machine policy (calls.sfuUrl, calls.iceServers)
// wins; without it the homeserver's `.well-known/matrix/client` may name one in
// `org.matrix.msc4143.rtc_foci` with our focus type. We never follow the focus another member
// wrote into their call membership: any room member could otherwise point everyone's media at a
// server of their choosing. Pure, so the precedence is unit tested.
import { isRecord } from '../../shared/guards.ts';
import type { EffectiveSettings } from '../../shared/policy/settings.ts';
import { LOOPBACK_HOSTS } from '../../shared/net/loopback.ts';
import { RELAIS_FOCUS_TYPE } from './membership.ts';

export const RTC_FOCI_KEY = 'org.matrix.msc4143.rtc_foci';

export interface IceServerConfig {
  urls: string | string[];
  username?: string | undefined;
  credential?: string | undefined;
}

export interface CallFocus {
  /** WebSocket URL of the SFU signaling endpoint. */
  sfuUrl: string;
  source: 'policy' | 'well-known';
  /** ICE servers the policy names; null lets the SFU's configured ones apply. */
  policyIceServers: IceServerConfig[] | null;
}

export type FocusResult = { ok: true; focus: CallFocus } | { ok: false; reason: 'no-sfu' | 'invalid-sfu-url' };

/**
 * The WebSocket URL for a configured SFU URL: https → wss, http → ws (loopback only, as the
 * policy schema requires). Anything else is refused rather than guessed.
 */
export function signalingUrl(configured: string): string | null {
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return null;
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const plain = url.protocol === 'http:' || url.protocol === 'ws:';
  if (!secure && !(plain && LOOPBACK_HOSTS.has(url.hostname))) return null;
  if (url.username !== '' || url.password !== '' || url.hash !== '') return null;
  url.protocol = secure ? 'wss:' : 'ws:';
  return url.toString();
}

function isIceServer(value: unknown): value is IceServerConfig {
  if (!isRecord(value)) return false;
  const urls = value.urls;
  const urlsOk = typeof urls === 'string' || (Array.isArray(urls) && urls.every((u) => typeof u === 'string'));
  return urlsOk && ['username', 'credential'].every((k) => value[k] === undefined || typeof value[k] === 'string');
}

/** The policy's part of the choice, from the (checked) calls settings: an empty ICE list names none. */
export function focusFromPolicy(calls: Pick<EffectiveSettings['calls'], 'sfuUrl' | 'iceServers'>): {
  sfuUrl: string | null;
  iceServers: IceServerConfig[] | null;
} {
  return { sfuUrl: calls.sfuUrl, iceServers: calls.iceServers.length > 0 ? calls.iceServers : null };
}

/** The first `rtc_foci` entry of our type in a `.well-known/matrix/client` document. */
export function focusFromWellKnown(document: unknown): string | null {
  if (!isRecord(document)) return null;
  const foci = document[RTC_FOCI_KEY];
  if (!Array.isArray(foci)) return null;
  for (const focus of foci) {
    if (isRecord(focus) && focus.type === RELAIS_FOCUS_TYPE && typeof focus.url === 'string') return focus.url;
  }
  return null;
}

export function selectFocus(policy: ReturnType<typeof focusFromPolicy>, wellKnownUrl: string | null): FocusResult {
  const configured = policy.sfuUrl ?? wellKnownUrl;
  if (configured === null) return { ok: false, reason: 'no-sfu' };
  const url = signalingUrl(configured);
  if (url === null) return { ok: false, reason: 'invalid-sfu-url' };
  return {
    ok: true,
    focus: { sfuUrl: url, source: policy.sfuUrl !== null ? 'policy' : 'well-known', policyIceServers: policy.iceServers },
  };
}

/**
 * The ICE servers a call may use: the policy's when it names any, otherwise those the SFU hands
 * out (its own configuration). Never a built-in public STUN server: an empty list means host
 * candidates only, which is what a reachable SFU needs.
 */
export function iceServersForCall(focus: CallFocus, fromSfu: readonly IceServerConfig[]): IceServerConfig[] {
  return focus.policyIceServers ?? fromSfu.filter(isIceServer);
}
