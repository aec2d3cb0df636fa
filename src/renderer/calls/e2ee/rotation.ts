// When my media key changes. Someone who left must not read what I send next: a new key at once,
// shared with those who stay. Someone who joined gets my current key at once (they see me without
// waiting) and a new key follows a little later, so that joins in quick succession share one
// rotation. A new key is used only some time after it was sent: the others need it first, or they
// would see a gap. Pure: the caller owns the timers.

export interface RotationPolicy {
  /** After a join, how long to wait for more joins before rotating. */
  joinRotationDelayMs: number;
  /** How long a new key is sent before frames use it. */
  useKeyDelayMs: number;
}

export const DEFAULT_ROTATION_POLICY: RotationPolicy = { joinRotationDelayMs: 3_000, useKeyDelayMs: 1_500 };

export interface MembershipChange {
  joined: string[];
  left: string[];
  /** now: a member left; later: only joins (after joinRotationDelayMs); none: nothing changed. */
  rotate: 'now' | 'later' | 'none';
}

/** Compares the devices in the call (as `userId|deviceId` strings) before and after an update. */
export function membershipChange(before: ReadonlySet<string>, after: ReadonlySet<string>): MembershipChange {
  const joined = [...after].filter((m) => !before.has(m));
  const left = [...before].filter((m) => !after.has(m));
  return { joined, left, rotate: left.length > 0 ? 'now' : joined.length > 0 ? 'later' : 'none' };
}

/**
 * How long after sending a new key my frames switch to it. With nobody else in the call (everyone
 * left, or the SFU dropped us all and we are re-joining), nobody needs time to receive it: at once.
 * Waiting then would only delay the picture after a re-join, since the others get the key as they
 * come back and would otherwise wait out the delay on frames under a key they forgot.
 */
export function keyUseDelay(policy: RotationPolicy, othersInCall: number): number {
  return othersInCall === 0 ? 0 : policy.useKeyDelayMs;
}

export function participantKey(userId: string, deviceId: string): string {
  return `${userId}|${deviceId}`;
}
