// Whether a sender's media decrypts, as the tile shows it. One bad frame is no news (a key that
// arrives a moment after the media, a frame in flight across a rotation): a sender is "failing" once
// nothing of theirs has decrypted for `graceMs` since the first failure. Pure: the worker feeds it.

export const DECRYPT_GRACE_MS = 1_500;

interface Track {
  failingSince: number | null;
  failing: boolean;
}

export class DecryptHealth {
  private readonly senders = new Map<string, Track>();
  private readonly graceMs: number;

  constructor(graceMs = DECRYPT_GRACE_MS) {
    this.graceMs = graceMs;
  }

  /** Records one frame; returns the sender's new state when it changed, else null. */
  record(sender: string, ok: boolean, now: number): boolean | null {
    const track = this.senders.get(sender) ?? { failingSince: null, failing: false };
    this.senders.set(sender, track);
    if (ok) {
      track.failingSince = null;
      if (!track.failing) return null;
      track.failing = false;
      return false;
    }
    track.failingSince ??= now;
    if (track.failing || now - track.failingSince < this.graceMs) return null;
    track.failing = true;
    return true;
  }

  forget(sender: string): void {
    this.senders.delete(sender);
  }
}
