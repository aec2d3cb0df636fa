// The newest records, in memory, within a count and a size: the web build's log (a page has no
// file to write to), and the renderer's records made before anything can take them.
import type { LogRecord } from '../../shared/log/record.ts';

export interface LogRingBuffer {
  push(record: LogRecord): void;
  /** Oldest first. */
  records(): LogRecord[];
  /** Records pushed out to stay within the caps, since the start. */
  readonly dropped: number;
  clear(): void;
}

/** A record's rough weight in memory: its text (context values are short by schema). */
function weight(record: LogRecord): number {
  return record.message.length + record.scope.length + 64;
}

export function createLogRingBuffer(maxRecords: number, maxChars: number): LogRingBuffer {
  // A plain array with a moving start: shift() on every push would be linear.
  let items: LogRecord[] = [];
  let start = 0;
  let chars = 0;
  let dropped = 0;
  const dropOldest = () => {
    const oldest = items[start];
    if (!oldest) return;
    chars -= weight(oldest);
    start += 1;
    dropped += 1;
    if (start > 1_024 && start * 2 > items.length) {
      items = items.slice(start);
      start = 0;
    }
  };
  return {
    push(record) {
      items.push(record);
      chars += weight(record);
      while (items.length - start > maxRecords || (chars > maxChars && items.length - start > 1)) dropOldest();
    },
    records: () => items.slice(start),
    get dropped() {
      return dropped;
    },
    clear() {
      items = [];
      start = 0;
      chars = 0;
    },
  };
}
