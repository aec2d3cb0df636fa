// Room membership as the SFU enforces it (method `appservice`): one view per homeserver, fed by the
// events that homeserver pushes, persisted, and consulted at join and again at produce and consume.
// A membership lost during a call is reported to `onRemoved` at once (the server then takes the user
// out of the call); a user the view does not know yet is waited for, briefly, instead of refused.
import path from 'node:path';
import { CallError } from '../../../src/shared/call/index.ts';
import type { Logger } from '../log.ts';
import { createSnapshotStore, type SnapshotStore } from './store.ts';
import { MembershipView, type MemberRecord, type PushedEvent, type RemovalReason } from './view.ts';

export interface Removal {
  roomId: string;
  userId: string;
  reason: RemovalReason;
  by?: string;
}

export interface Admission {
  /** From the room state (the user's m.room.member event), when the view has it. */
  displayName?: string;
}

export interface MembershipServiceOptions {
  serverNames: readonly string[];
  /** Where each homeserver's view is kept (`membership-<serverName>.json`); null: memory only. */
  stateDir: string | null;
  proofWaitMs: number;
  maxRooms: number;
  saveDebounceMs: number;
  logger: Logger;
}

interface Homeserver {
  view: MembershipView;
  store: SnapshotStore;
}

export class MembershipService {
  private readonly homeservers = new Map<string, Homeserver>();
  /** Joins waiting for evidence about (room, user): woken by any membership news about them. */
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly removedListeners = new Set<(removal: Removal) => void>();
  private readonly options: MembershipServiceOptions;

  constructor(options: MembershipServiceOptions) {
    this.options = options;
    for (const serverName of options.serverNames) {
      const file = options.stateDir
        ? path.join(options.stateDir, `membership-${serverName.replace(/[^\w.-]/g, '_')}.json`)
        : null;
      let view: MembershipView | null = null;
      const store = createSnapshotStore({
        file,
        read: () => (view as MembershipView).snapshot(),
        debounceMs: options.saveDebounceMs,
        logger: options.logger,
      });
      view = new MembershipView(
        { maxRooms: options.maxRooms, tracksUser: (userId) => serverOf(userId) === serverName },
        store.load(),
      );
      this.homeservers.set(serverName, { view, store });
    }
  }

  onRemoved(listener: (removal: Removal) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  /** Events pushed by a homeserver (already authenticated), in its stream order. */
  applyEvents(serverName: string, events: readonly PushedEvent[]): void {
    const homeserver = this.homeservers.get(serverName);
    if (!homeserver) return;
    const changes = homeserver.view.apply(events);
    for (const event of events) {
      this.wake(event.room_id, event.sender);
      if (event.state_key !== undefined && event.state_key !== event.sender) this.wake(event.room_id, event.state_key);
    }
    if (events.length > 0) homeserver.store.scheduleSave();
    for (const change of changes) {
      if (change.after.state !== 'not-joined') continue;
      const removal: Removal = { roomId: change.roomId, userId: change.userId, reason: change.after.reason ?? 'left-room' };
      if (change.after.by !== undefined) removal.by = change.after.by;
      for (const listener of this.removedListeners) listener(removal);
    }
  }

  /** The SFU took this user out of a call: keep refusing them (`removed-from-room`) until they re-join the room. */
  markRemovedFromCall(roomId: string, userId: string): void {
    const homeserver = this.homeservers.get(serverOf(userId));
    homeserver?.view.markRemovedFromCall(roomId, userId);
    homeserver?.store.scheduleSave();
  }

  /** Joined now, as far as the pushed events tell (produce and consume ask this). */
  isJoined(roomId: string, userId: string): boolean {
    return this.record(roomId, userId)?.state === 'joined';
  }

  /** Resolves when the user is joined; refuses when they are not, or when no evidence comes in time. */
  async admit(roomId: string, userId: string): Promise<Admission> {
    let record = this.record(roomId, userId);
    if (!record) {
      await this.waitForNews(roomId, userId, this.options.proofWaitMs);
      record = this.record(roomId, userId);
    }
    if (!record) {
      throw new CallError(
        'auth-not-member',
        `No proof that ${userId} is joined to ${roomId} within ${this.options.proofWaitMs} ms: ` +
          'send the call membership event to the room before joining the call',
      );
    }
    if (record.state !== 'joined') {
      if (record.removedFromCall)
        throw new CallError(
          'removed-from-room',
          `${userId} was removed from ${roomId} during the call (${record.reason ?? 'left-room'})`,
        );
      throw new CallError('auth-not-member', `${userId} is not a joined member of ${roomId}`);
    }
    this.homeservers.get(serverOf(userId))?.view.touch(roomId);
    return record.displayName === undefined ? {} : { displayName: record.displayName };
  }

  /** Writes pending views now (shutdown). */
  flush(): void {
    for (const { store } of this.homeservers.values()) store.flush();
  }

  roomCount(): number {
    let rooms = 0;
    for (const { view } of this.homeservers.values()) rooms += view.roomCount;
    return rooms;
  }

  private record(roomId: string, userId: string): MemberRecord | undefined {
    return this.homeservers.get(serverOf(userId))?.view.get(roomId, userId);
  }

  private waitForNews(roomId: string, userId: string, timeoutMs: number): Promise<void> {
    const key = waiterKey(roomId, userId);
    return new Promise((resolve) => {
      let set = this.waiters.get(key);
      if (!set) {
        set = new Set();
        this.waiters.set(key, set);
      }
      const waiters = set;
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0) this.waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      waiters.add(done);
    });
  }

  private wake(roomId: string, userId: string | undefined): void {
    if (userId === undefined) return;
    const set = this.waiters.get(waiterKey(roomId, userId));
    if (set) for (const done of [...set]) done();
  }
}

function waiterKey(roomId: string, userId: string): string {
  return `${roomId}\u0000${userId}`;
}

function serverOf(userId: string): string {
  return userId.slice(userId.indexOf(':') + 1);
}
