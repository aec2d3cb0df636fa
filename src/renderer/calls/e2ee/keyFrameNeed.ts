// When a sender's video needs a key frame. Frames that do not decrypt (no key yet, a key that
// arrives late) are dropped, key frame included, so once the key arrives the decoder gets delta
// frames that refer to a picture it never had: the tile stays empty until the sender's next key
// frame, which without a request may be minutes away. After a failure, the first delta frame that
// decrypts asks for one (again every `retryMs` while only delta frames come), until a key frame
// passes. Pure: the media worker feeds it.

export const KEY_FRAME_RETRY_MS = 1_000;

export class KeyFrameNeed {
  /** Senders whose video lost a frame to decryption since their last key frame that passed → last request time. */
  private readonly waiting = new Map<string, number | null>();
  private readonly retryMs: number;

  constructor(retryMs = KEY_FRAME_RETRY_MS) {
    this.retryMs = retryMs;
  }

  /** Records one video frame of `sender`; true when a key frame should be requested now. */
  record(sender: string, decrypted: boolean, keyFrame: boolean, now: number): boolean {
    if (!decrypted) {
      if (!this.waiting.has(sender)) this.waiting.set(sender, null);
      return false;
    }
    if (!this.waiting.has(sender)) return false;
    if (keyFrame) {
      this.waiting.delete(sender);
      return false;
    }
    const askedAt = this.waiting.get(sender) ?? null;
    if (askedAt !== null && now - askedAt < this.retryMs) return false;
    this.waiting.set(sender, now);
    return true;
  }

  forget(sender: string): void {
    this.waiting.delete(sender);
  }
}
