// The Matrix side of a call, over matrix-js-sdk: membership state events (read and written), the
// delayed leave (MSC4140), the OpenID token the SFU verifies, and the homeserver's .well-known.
import { EventTimeline, EventType, KnownMembership, type MatrixClient, type Room } from 'matrix-js-sdk';
import type { SessionMembershipData } from 'matrix-js-sdk/lib/matrixrtc/index.js';
import type { OpenIdToken } from '../../shared/call/index.ts';
import type { EffectiveSettings } from '../../shared/policy/settings.ts';
import { focusFromPolicy, focusFromWellKnown, selectFocus, type FocusResult } from './focus.ts';
import { activeMembers, CALL_MEMBER_EVENT, RTC_MEMBER_EVENT, type CallMember, type RawStickyMember } from './membership.ts';
import type { MembershipHomeserver } from './membershipManager.ts';

export const DELAYED_EVENTS_FEATURE = 'org.matrix.msc4140';

export function membershipHomeserver(client: MatrixClient, roomId: string): MembershipHomeserver {
  // The SDK types this event's content as Element Call's; ours has the same shape plus our focus.
  const asContent = (content: Record<string, unknown>) => content as unknown as SessionMembershipData;
  return {
    supportsDelayedEvents: () => client.doesServerSupportUnstableFeature(DELAYED_EVENTS_FEATURE),
    sendState: async (content, stateKey) => {
      await client.sendStateEvent(roomId, EventType.GroupCallMemberPrefix, asContent(content), stateKey);
    },
    sendDelayedState: async (content, stateKey, delay) => {
      const { delay_id: delayId } = await client._unstable_sendDelayedStateEvent(
        roomId,
        { delay },
        EventType.GroupCallMemberPrefix,
        asContent(content),
        stateKey,
      );
      return delayId;
    },
    restartDelayed: async (delayId) => {
      await client._unstable_restartScheduledDelayedEvent(delayId);
    },
    sendDelayedNow: async (delayId) => {
      await client._unstable_sendScheduledDelayedEvent(delayId);
    },
  };
}

/** The room's sticky `m.rtc.member` events (MSC4354), which matrix-js-sdk keeps per room from sync. */
function stickyMembersOf(room: Room): RawStickyMember[] {
  const out: RawStickyMember[] = [];
  for (const event of room._unstable_getStickyEvents()) {
    if (event.getType() !== RTC_MEMBER_EVENT) continue;
    out.push({
      sender: event.getSender() ?? '',
      originServerTs: event.getTs(),
      expiresAt: event.unstableStickyExpiresAt,
      content: event.getContent(),
    });
  }
  return out;
}

/** Who is in the room's call now, from its membership state events and sticky memberships. */
export function callMembersOf(room: Room, now: number): CallMember[] {
  const state = room.getLiveTimeline().getState(EventTimeline.FORWARDS);
  const events = (state?.getStateEvents(CALL_MEMBER_EVENT) ?? []).map((e) => ({
    stateKey: e.getStateKey() ?? '',
    sender: e.getSender() ?? '',
    originServerTs: e.getTs(),
    content: e.getContent(),
  }));
  return activeMembers(
    events,
    now,
    (userId) => room.getMember(userId)?.membership === KnownMembership.Join,
    stickyMembersOf(room),
  );
}

export async function openIdToken(client: MatrixClient): Promise<OpenIdToken> {
  const token = await client.getOpenIdToken();
  return {
    access_token: token.access_token,
    token_type: token.token_type,
    matrix_server_name: token.matrix_server_name,
    expires_in: token.expires_in,
  };
}

/**
 * The SFU for calls: machine policy first, else the homeserver's .well-known. The document is
 * read from the homeserver we already talk to (its base URL), not from another host.
 */
export async function resolveFocus(
  client: MatrixClient,
  policyCalls: Pick<EffectiveSettings['calls'], 'sfuUrl' | 'iceServers'>,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): Promise<FocusResult> {
  const policy = focusFromPolicy(policyCalls);
  let wellKnown: string | null = null;
  if (policy.sfuUrl === null) {
    try {
      const base = client.getHomeserverUrl().replace(/\/+$/, '');
      const response = await fetchFn(`${base}/.well-known/matrix/client`, { headers: { Accept: 'application/json' } });
      if (response.ok) wellKnown = focusFromWellKnown(await response.json());
    } catch {
      // No .well-known: there is simply no SFU configured.
    }
  }
  return selectFocus(policy, wellKnown);
}
