// Devices whose peer the SFU replaced (`peerLeft` with `replaced`: the same device joined again, a
// reconnection, perhaps through another SFU node after its node died). For the media keys they never
// left: they keep my key and I keep theirs, so no rotation and no key to wait for, and their media
// decrypts as soon as it flows again. Until their new peer arrives they count as members; when it
// does they are sent my current key once more (the device may have restarted and lost it); if it
// does not come within the grace, they have left after all. Pure: the engine owns the clock and timer.
import type { CallDevice } from './mediaEncryption.ts';
import { participantKey } from './rotation.ts';

/** Longer than any re-join: the new peer is announced right after the SFU replaced the old one. */
export const RETURN_GRACE_MS = 5_000;

export interface KeyMembers {
  /** Who holds my key now: the devices in the call, and those expected back. */
  members: CallDevice[];
  /** Devices back with their new peer: send them my current key again. */
  returned: CallDevice[];
}

export class ReturningDevices {
  private readonly expected = new Map<string, { device: CallDevice; until: number }>();
  private readonly graceMs: number;

  constructor(graceMs = RETURN_GRACE_MS) {
    this.graceMs = graceMs;
  }

  /** The SFU replaced this device's peer at `now`. */
  replaced(device: CallDevice, now: number): void {
    this.expected.set(participantKey(device.userId, device.deviceId), { device, until: now + this.graceMs });
  }

  /** The members for the keys, given who is in the call now; a device back or past its grace is no longer expected. */
  members(present: readonly CallDevice[], now: number): KeyMembers {
    const here = new Set(present.map((d) => participantKey(d.userId, d.deviceId)));
    const members: CallDevice[] = [...present];
    const returned: CallDevice[] = [];
    for (const [key, { device, until }] of this.expected) {
      if (here.has(key)) {
        returned.push(device);
        this.expected.delete(key);
      } else if (now >= until) this.expected.delete(key);
      else members.push(device);
    }
    return { members, returned };
  }

  /** When the first grace ends (the engine looks again then), or null when nobody is expected. */
  nextExpiry(): number | null {
    let first: number | null = null;
    for (const { until } of this.expected.values()) if (first === null || until < first) first = until;
    return first;
  }

  clear(): void {
    this.expected.clear();
  }
}
