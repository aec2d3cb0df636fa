// Writes and clears this device's call membership in the room, with a delayed leave event
// (MSC4140) where the homeserver offers it: the server itself clears the membership if the app
// dies or loses the network, instead of a ghost staying "in the call" for hours. We keep that
// delayed event from firing by restarting it while we are alive, as Element Call does.
import { MEMBERSHIP_EXPIRES_MS, membershipContent, membershipStateKey, type RelaisFocus } from './membership.ts';
import { rendererLogger } from '../platform/log.ts';

/** The homeserver operations membership needs: an interface so tests use a fake server. */
export interface MembershipHomeserver {
  supportsDelayedEvents(): Promise<boolean>;
  sendState(content: Record<string, unknown>, stateKey: string): Promise<void>;
  /** Schedules `content` to be written after `delayMs`; returns the delay id. */
  sendDelayedState(content: Record<string, unknown>, stateKey: string, delayMs: number): Promise<string>;
  restartDelayed(delayId: string): Promise<void>;
  /** Makes the scheduled event happen now. */
  sendDelayedNow(delayId: string): Promise<void>;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The server clears us this long after our last sign of life. */
export const DELAYED_LEAVE_MS = 10_000;
const RESTART_EVERY_MS = 4_000;
/** Memberships expire (4 h): a longer call extends its own well before, keeping its created_ts. */
export const RENEW_EVERY_MS = MEMBERSHIP_EXPIRES_MS - 60 * 60 * 1000;

export class MembershipManager {
  private delayId: string | null = null;
  private restartTimer: unknown = null;
  private renewTimer: unknown = null;
  private readonly stateKey: string;
  private readonly hs: MembershipHomeserver;
  private readonly deviceId: string;
  private readonly timers: Timers;

  constructor(hs: MembershipHomeserver, userId: string, deviceId: string, timers: Timers) {
    this.hs = hs;
    this.deviceId = deviceId;
    this.timers = timers;
    this.stateKey = membershipStateKey(userId, deviceId);
  }

  get usesDelayedLeave(): boolean {
    return this.delayId !== null;
  }

  async join(focus: RelaisFocus, now: number): Promise<void> {
    // Schedule the leave before the join, so there is no moment when a crash would leave us in.
    if (await this.hs.supportsDelayedEvents().catch(() => false)) {
      try {
        this.delayId = await this.hs.sendDelayedState({}, this.stateKey, DELAYED_LEAVE_MS);
        this.restartTimer = this.timers.setInterval(() => void this.keepAlive(), RESTART_EVERY_MS);
      } catch {
        // The server advertised it but refused (e.g. delay above its maximum): join without it.
        this.delayId = null;
      }
    }
    await this.hs.sendState({ ...membershipContent(this.deviceId, focus, now) }, this.stateKey);
    let renewals = 0;
    this.renewTimer = this.timers.setInterval(() => {
      renewals += 1;
      // Same created_ts (our place in the oldest-first order), expiry pushed out by another period.
      const content = {
        ...membershipContent(this.deviceId, focus, now),
        expires: MEMBERSHIP_EXPIRES_MS + renewals * RENEW_EVERY_MS,
      };
      this.hs.sendState(content, this.stateKey).catch(rendererLogger('calls').swallow('renewing the call membership'));
    }, RENEW_EVERY_MS);
  }

  private async keepAlive(): Promise<void> {
    if (this.delayId === null) return;
    try {
      await this.hs.restartDelayed(this.delayId);
    } catch {
      // A missed restart is fine while the next one lands within the delay; if the event already
      // fired, the membership is gone and the call UI's membership view shows it.
    }
  }

  async leave(): Promise<void> {
    for (const timer of [this.restartTimer, this.renewTimer]) if (timer !== null) this.timers.clearInterval(timer);
    this.restartTimer = null;
    this.renewTimer = null;
    const delayId = this.delayId;
    this.delayId = null;
    if (delayId !== null) {
      try {
        await this.hs.sendDelayedNow(delayId);
        return;
      } catch {
        // Already sent or expired: write the empty membership ourselves.
      }
    }
    await this.hs.sendState({}, this.stateKey);
  }
}
