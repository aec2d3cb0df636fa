// The keys of a call: each sender's keys by index (a receiver keeps every index it was given, so
// frames still in flight under the previous key decrypt while the sender switches), and my own
// current key. Generic over the key type: CryptoKey in the worker, plain values in tests.
import { KEY_INDEX_LIMIT } from './frameLayout.ts';

export class KeyRing<Key> {
  private readonly keys = new Map<string, Map<number, Key>>();

  set(participant: string, index: number, key: Key): void {
    const ring = this.keys.get(participant) ?? new Map<number, Key>();
    ring.set(index % KEY_INDEX_LIMIT, key);
    this.keys.set(participant, ring);
  }

  get(participant: string, index: number): Key | undefined {
    return this.keys.get(participant)?.get(index);
  }

  has(participant: string): boolean {
    return (this.keys.get(participant)?.size ?? 0) > 0;
  }

  /** The participant left: their keys go (a later return brings new ones). */
  forget(participant: string): void {
    this.keys.delete(participant);
  }
}

/** The next index after `index`, wrapping at a byte like the frame trailer. */
export function nextKeyIndex(index: number): number {
  return (index + 1) % KEY_INDEX_LIMIT;
}
