// Keeps the membership view across SFU restarts: one small JSON file per homeserver in the state
// directory, written atomically (temporary file, then rename) and debounced, so a burst of pushed
// events costs one write. A missing or unreadable file starts an empty view: users then become known
// again from the events they send (their call membership), so nothing unsafe follows from a lost file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.ts';
import type { MembershipSnapshot } from './view.ts';

const recordSchema = z.object({
  state: z.enum(['joined', 'not-joined']),
  displayName: z.string().optional(),
  avatarUrl: z.string().optional(),
  reason: z.enum(['kicked', 'banned', 'left-room']).optional(),
  by: z.string().optional(),
  removedFromCall: z.boolean().optional(),
  updated: z.number(),
});

const snapshotSchema = z.object({
  version: z.literal(1),
  clock: z.number(),
  rooms: z.record(z.string(), z.object({ updated: z.number(), members: z.record(z.string(), recordSchema) })),
});

export interface SnapshotStore {
  load(): MembershipSnapshot | undefined;
  /** Schedules a write of what `read` returns then (debounced). */
  scheduleSave(): void;
  /** Writes now if a write is pending (on shutdown). */
  flush(): void;
}

export function createSnapshotStore(options: {
  file: string | null;
  read: () => MembershipSnapshot;
  debounceMs: number;
  logger: Logger;
}): SnapshotStore {
  const { file, logger } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function write(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!file) return;
    try {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(options.read()), { mode: 0o600 });
      renameSync(temporary, file);
    } catch (error) {
      logger.warn(`cannot save the membership view to ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    load() {
      if (!file) return undefined;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return undefined; // first start
      }
      try {
        return snapshotSchema.parse(JSON.parse(text));
      } catch (error) {
        logger.warn(`ignoring the unreadable membership view ${file}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
    scheduleSave() {
      if (!file || timer) return;
      timer = setTimeout(write, options.debounceMs);
      timer.unref();
    },
    flush() {
      if (timer) write();
    },
  };
}
