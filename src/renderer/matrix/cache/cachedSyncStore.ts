// The SDK's in-memory store plus a durable, encrypted copy of the sync state, so Relais starts from
// what it last knew: the room list and recent timelines appear at once, with or without a network.
// Like the SDK's IndexedDBStore, it folds every /sync response into a SyncAccumulator and hands the
// result back at start-up; unlike it, the copy on disk is encrypted with the keychain-held key
// (IndexedDBStore writes room contents in clear).
import { MemoryStore, SyncAccumulator, type ISyncResponse } from 'matrix-js-sdk';
import type { EncryptedDb } from '../../storage/encryptedDb.ts';
import { rendererLogger } from '../../platform/log.ts';

type SavedSync = NonNullable<Awaited<ReturnType<MemoryStore['getSavedSync']>>>;

const SNAPSHOT_KEY = 'snapshot';
/** Often enough that a message read just before the laptop lid closes is still there next time. */
export const SAVE_DELAY_MS = 2_000;
/** Per room; the sync cache is for showing recent messages at once, not for history. */
const TIMELINE_ENTRIES_PER_ROOM = 50;

interface Snapshot {
  version: 1;
  sync: SavedSync;
  /** Which protocol wrote it: a sliding sync position is no token for classic /sync. Absent: classic. */
  origin?: SyncOrigin;
}

type SyncOrigin = 'classic' | 'sliding';

export class CachedSyncStore extends MemoryStore {
  private readonly db: EncryptedDb;
  private accumulator = new SyncAccumulator({ maxTimelineEntries: TIMELINE_ENTRIES_PER_ROOM });
  private lastSaved = 0;
  private dirty = false;
  private saving: Promise<void> | null = null;
  private loaded = false;
  private loadedFromDisk = false;
  private origin: SyncOrigin = 'classic';
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(db: EncryptedDb) {
    super();
    this.db = db;
  }

  override async startup(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const snapshot = (await this.db.get('sync', SNAPSHOT_KEY)) as Snapshot | undefined;
      if (snapshot?.version === 1 && snapshot.sync.nextBatch) {
        this.accumulator.accumulate(
          {
            next_batch: snapshot.sync.nextBatch,
            rooms: snapshot.sync.roomsData,
            account_data: { events: snapshot.sync.accountData },
          },
          true,
        );
        this.loadedFromDisk = true;
        this.origin = snapshot.origin ?? 'classic';
      }
    } catch (error) {
      rendererLogger('cache').swallow('reading the offline cache (starting without it)')(error);
      // An unreadable cache (key changed, data corrupt) is only a slower start: sync rebuilds it.
      this.accumulator = new SyncAccumulator({ maxTimelineEntries: TIMELINE_ENTRIES_PER_ROOM });
    }
    this.lastSaved = Date.now();
  }

  /** The last session's sync state as loaded at start-up, or null. */
  cachedSync(): SavedSync | null {
    return this.loadedFromDisk ? this.accumulator.getJSON() : null;
  }

  /** True when the last session's state was found on disk. */
  hasCachedState(): boolean {
    return this.loadedFromDisk;
  }

  override isNewlyCreated(): Promise<boolean> {
    return Promise.resolve(!this.loadedFromDisk);
  }

  override getSavedSync(): Promise<SavedSync | null> {
    const data = this.accumulator.getJSON();
    if (!data.nextBatch) return Promise.resolve(null);
    // The SDK decorates what it processes; hand it a copy so the accumulator stays clean.
    return Promise.resolve(structuredClone(data));
  }

  override getSavedSyncToken(): Promise<string | null> {
    // After a sliding sync session, classic /sync replays the cache and then starts afresh.
    if (this.origin === 'sliding') return Promise.resolve(null);
    return Promise.resolve(this.accumulator.getNextBatchToken() || null);
  }

  override setSyncData(syncData: ISyncResponse): Promise<void> {
    if (this.origin === 'sliding') {
      // Classic /sync's first answer after a sliding snapshot is a full initial sync: the whole truth,
      // rooms left meanwhile included, so it replaces the snapshot rather than merging into it.
      this.accumulator = new SyncAccumulator({ maxTimelineEntries: TIMELINE_ENTRIES_PER_ROOM });
      this.origin = 'classic';
    }
    this.accumulate(syncData);
    return Promise.resolve();
  }

  /** A sliding sync response, already in the classic shape (slidingToClassic.ts). */
  accumulateSliding(syncData: ISyncResponse): void {
    this.origin = 'sliding';
    this.accumulate(syncData);
  }

  private accumulate(syncData: ISyncResponse): void {
    this.accumulator.accumulate(syncData);
    this.dirty = true;
    // The SDK saves only after the next /sync answers, which can be 30 s away on a quiet account.
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = null;
      void this.save(true);
    }, SAVE_DELAY_MS);
  }

  override wantsSave(): boolean {
    return this.dirty && Date.now() - this.lastSaved > SAVE_DELAY_MS;
  }

  override save(force = false): Promise<void> {
    if (!this.dirty || (!force && !this.wantsSave())) return this.saving ?? Promise.resolve();
    if (this.saving) return this.saving;
    this.dirty = false;
    this.lastSaved = Date.now();
    const snapshot: Snapshot = { version: 1, sync: this.accumulator.getJSON(true), origin: this.origin };
    this.saving = this.db
      .put('sync', SNAPSHOT_KEY, snapshot)
      .catch(() => {
        this.dirty = true; // try again at the next save
      })
      .finally(() => {
        this.saving = null;
      });
    return this.saving;
  }

  /** Stops the pending save timer (the session is ending); save(true) first to keep the latest. */
  close(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  override async deleteAllData(): Promise<void> {
    this.close();
    // A save in flight would write the snapshot back after the delete.
    await this.saving;
    await super.deleteAllData();
    this.loadedFromDisk = false;
    this.origin = 'classic';
    this.accumulator = new SyncAccumulator({ maxTimelineEntries: TIMELINE_ENTRIES_PER_ROOM });
    this.dirty = false;
    await this.db.delete('sync', SNAPSHOT_KEY);
  }
}
