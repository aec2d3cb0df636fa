// Who my media key goes to, kept in step with the call. The SFU's peers, plus the devices whose peer it
// replaced (they re-joined, perhaps through another SFU node) while they are expected back
// (returningDevices.ts). While my own re-join has not yet said who is there, nothing changes: an empty
// call there would read as everyone leaving, and rotate the key for nothing.
import type { CallDevice, CallMediaEncryption } from './mediaEncryption.ts';
import { ReturningDevices } from './returningDevices.ts';

export class KeyMembers {
  private readonly returning = new ReturningDevices();
  private readonly encryption: () => CallMediaEncryption | null;
  private present: readonly CallDevice[] = [];
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private awaitingPeers = false;

  /** `encryption`: the call's media encryption now (none in a call without it). */
  constructor(encryption: () => CallMediaEncryption | null) {
    this.encryption = encryption;
  }

  /** Every change of who is in the call passes here: the keys follow it (shared, rotated). */
  update(present: readonly CallDevice[]): void {
    this.present = present;
    const encryption = this.encryption();
    if (!encryption || this.awaitingPeers) return;
    const { members, returned } = this.returning.members(present, Date.now());
    encryption.setMembers(members);
    if (returned.length > 0) encryption.resend(returned);
    // A device not back within its grace has left: look again then (the keys rotate).
    const expiry = this.returning.nextExpiry();
    if (expiry === null || this.expiryTimer) return;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = null;
        this.update(this.present);
      },
      Math.max(0, expiry - Date.now()),
    );
  }

  /** The SFU replaced this device's peer (it joined again): its new peer follows, with the keys it had. */
  replaced(device: CallDevice): void {
    this.returning.replaced(device, Date.now());
  }

  /** My connection was lost and I re-join: keys are kept, and nothing changes until the join answers. */
  rejoining(): void {
    this.encryption()?.rejoining();
    this.awaitingPeers = true;
  }

  /** My join answered with who is there: the next update counts. */
  joined(): void {
    this.awaitingPeers = false;
  }

  /** The call's peers are gone with its connection (a re-join starts afresh). */
  forgetReturning(): void {
    this.returning.clear();
  }

  /** The call is over. */
  stop(): void {
    this.returning.clear();
    this.awaitingPeers = false;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }
}
