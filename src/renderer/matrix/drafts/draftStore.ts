// What a person was writing in each room, kept when they switch rooms and across restarts: the text,
// the people it mentions, and the reply or edit in progress. Held in memory (switching rooms is
// instant) and saved, a moment after the last keystroke, in the encrypted local database: a draft is
// as private as the messages it will become. No React here.
import { z } from 'zod';
import type { EncryptedDb } from '../../storage/encryptedDb.ts';

const draftSchema = z.object({
  text: z.string().max(100_000),
  mentions: z.array(z.object({ userId: z.string(), name: z.string() })).max(500),
  replyToEventId: z.string().nullable(),
  editEventId: z.string().nullable(),
});
export type Draft = z.output<typeof draftSchema>;

/** Nothing worth keeping: no text and no reply or edit under way. */
export function isEmptyDraft(draft: Draft): boolean {
  return draft.text.trim() === '' && draft.replyToEventId === null && draft.editEventId === null;
}

/** A stored draft, or null when the record is not one (an older shape, damaged): it is dropped, not shown. */
export function parseDraft(value: unknown): Draft | null {
  const parsed = draftSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const DRAFT_SAVE_DELAY_MS = 500;

export class DraftStore {
  private readonly drafts = new Map<string, Draft>();
  private readonly unsaved = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  readonly ready: Promise<void>;
  private readonly db: EncryptedDb | null;
  private readonly onError: (error: unknown) => void;
  private readonly saveDelayMs: number;

  constructor(db: EncryptedDb | null, onError: (error: unknown) => void = () => undefined, saveDelayMs = DRAFT_SAVE_DELAY_MS) {
    this.db = db;
    this.onError = onError;
    this.saveDelayMs = saveDelayMs;
    this.ready = this.load();
  }

  get(roomId: string): Draft | null {
    return this.drafts.get(roomId) ?? null;
  }

  /** Keeps the room's draft (an empty one removes it) and saves it shortly. */
  set(roomId: string, draft: Draft): void {
    const previous = this.drafts.get(roomId);
    if (isEmptyDraft(draft)) {
      if (!previous) return;
      this.drafts.delete(roomId);
    } else {
      if (previous && sameDraft(previous, draft)) return;
      this.drafts.set(roomId, draft);
    }
    this.unsaved.add(roomId);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.saveDelayMs);
  }

  /** Writes what changed now (the app is closing, or signing out). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.db) return;
    await this.ready;
    const rooms = [...this.unsaved];
    this.unsaved.clear();
    for (const roomId of rooms) {
      const draft = this.drafts.get(roomId);
      await (draft ? this.db.put('drafts', roomId, draft) : this.db.delete('drafts', roomId)).catch(this.onError);
    }
  }

  private async load(): Promise<void> {
    if (!this.db) return;
    const stored = await this.db.getAll('drafts').catch((error: unknown) => {
      this.onError(error);
      return [];
    });
    for (const { key, value } of stored) {
      // Typed since the app started wins over what the last run left.
      if (this.drafts.has(key) || this.unsaved.has(key)) continue;
      const draft = parseDraft(value);
      if (draft && !isEmptyDraft(draft)) this.drafts.set(key, draft);
    }
  }
}

function sameDraft(a: Draft, b: Draft): boolean {
  return (
    a.text === b.text &&
    a.replyToEventId === b.replyToEventId &&
    a.editEventId === b.editEventId &&
    a.mentions.length === b.mentions.length &&
    a.mentions.every((m, i) => m.userId === b.mentions[i]?.userId)
  );
}
