// Which announced producers still need a consumer. Producers are announced by the join answer and
// by `newProducer`, and the second can arrive at any moment — notably while the receive transport
// is still being created after a (re)join. Before this queue, such a producer was dropped (consume
// needs the transport) and never asked for again: one direction of the call stayed silent until a
// manual leave and rejoin. Now a producer announced before the transport exists waits here and is
// consumed when the transport opens. Pure bookkeeping, unit tested without WebRTC.

export class ConsumeQueue {
  private isOpen = false;
  /** Announced while closed, in announcement order. */
  private readonly waiting = new Set<string>();
  /** Asked for (in flight or consumed): never asked twice in one generation. */
  private readonly started = new Set<string>();
  private readonly start: (producerId: string) => void;

  constructor(start: (producerId: string) => void) {
    this.start = start;
  }

  /** A producer to receive: consumed now if the transport exists, else when it opens. */
  announce(producerId: string): void {
    if (this.started.has(producerId)) return;
    if (!this.isOpen) {
      this.waiting.add(producerId);
      return;
    }
    this.started.add(producerId);
    this.start(producerId);
  }

  /** The receive transport exists: consume everything announced meanwhile. */
  open(): void {
    this.isOpen = true;
    const ids = [...this.waiting];
    this.waiting.clear();
    for (const id of ids) this.announce(id);
  }

  /** The producer is gone (closed, its peer left): do not consume it, even if it was waiting. */
  forget(producerId: string): void {
    this.waiting.delete(producerId);
    this.started.delete(producerId);
  }

  /** Its consume failed for a reason that may pass: a later announce asks again. */
  failed(producerId: string): void {
    this.started.delete(producerId);
  }

  /** A new generation (re-join): the transport is gone and the SFU's producers are new. */
  reset(): void {
    this.isOpen = false;
    this.waiting.clear();
    this.started.clear();
  }

  get opened(): boolean {
    return this.isOpen;
  }

  /** Producers waiting for the transport (for tests and diagnostics). */
  get pending(): string[] {
    return [...this.waiting];
  }
}
