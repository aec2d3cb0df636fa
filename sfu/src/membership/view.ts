// What the SFU knows about room membership, per (room, user), built from the events the homeserver
// pushes to it as an application service (pure: no I/O, no timers; unit tested on its own).
//
// Why it is trustworthy: the homeserver pushes every event of every room in its stream order, so the
// last membership seen for a user is their current one. Any other event *sent* by a user proves they
// were joined when they sent it (the homeserver's auth rules refuse events from non-members); that
// is how a user whose join predates what the SFU has seen becomes known (their call membership event,
// which the client sends before joining the SFU, is such an event).
export type MembershipState = 'joined' | 'not-joined';
export type RemovalReason = 'kicked' | 'banned' | 'left-room';

export interface MemberRecord {
  state: MembershipState;
  /** From the m.room.member event's content (room state), never from the client. */
  displayName?: string;
  avatarUrl?: string;
  /** Why the user is not joined (kick = leave sent by someone else; ban; own leave, deactivation). */
  reason?: RemovalReason;
  /** Who removed them (kick and ban). */
  by?: string;
  /** Set when the SFU took them out of a call for it: re-joining is refused with `removed-from-room`. */
  removedFromCall?: boolean;
  /** Logical clock of the last update, for eviction. */
  updated: number;
}

export interface MembershipChange {
  roomId: string;
  userId: string;
  before: MembershipState | 'unknown';
  after: MemberRecord;
}

/** The fields of a pushed event the view reads; everything else is ignored. */
export interface PushedEvent {
  type: string;
  room_id: string;
  sender: string;
  state_key?: string;
  content?: Record<string, unknown>;
}

export interface MembershipSnapshot {
  version: 1;
  clock: number;
  rooms: Record<string, { updated: number; members: Record<string, MemberRecord> }>;
}

interface Room {
  updated: number;
  members: Map<string, MemberRecord>;
}

export interface MembershipViewOptions {
  /** Beyond this many rooms, the least recently updated ones are forgotten (their users become unknown). */
  maxRooms: number;
  /** Only users for whom this returns true are recorded (the homeserver is authoritative for its own users). */
  tracksUser?: (userId: string) => boolean;
}

export class MembershipView {
  private readonly rooms = new Map<string, Room>();
  private clock = 0;
  private readonly options: MembershipViewOptions;

  constructor(options: MembershipViewOptions, snapshot?: MembershipSnapshot) {
    this.options = options;
    if (snapshot) this.restore(snapshot);
  }

  get(roomId: string, userId: string): MemberRecord | undefined {
    return this.rooms.get(roomId)?.members.get(userId);
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  /** Applies pushed events in order; returns the changes of joined state (new, lost or regained). */
  apply(events: readonly PushedEvent[]): MembershipChange[] {
    const changes: MembershipChange[] = [];
    for (const event of events) {
      const change = this.applyOne(event);
      if (change) changes.push(change);
    }
    this.evict();
    return changes;
  }

  /** The SFU removed this user from a call: refuse them until a new join arrives. */
  markRemovedFromCall(roomId: string, userId: string): void {
    const record = this.get(roomId, userId);
    if (record && record.state === 'not-joined') record.removedFromCall = true;
  }

  /** Keeps a room with a call in progress from being the first evicted. */
  touch(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (room) room.updated = ++this.clock;
  }

  snapshot(): MembershipSnapshot {
    const rooms: MembershipSnapshot['rooms'] = {};
    for (const [roomId, room] of this.rooms) rooms[roomId] = { updated: room.updated, members: Object.fromEntries(room.members) };
    return { version: 1, clock: this.clock, rooms };
  }

  private restore(snapshot: MembershipSnapshot): void {
    this.clock = snapshot.clock;
    for (const [roomId, room] of Object.entries(snapshot.rooms))
      this.rooms.set(roomId, { updated: room.updated, members: new Map(Object.entries(room.members)) });
    this.evict();
  }

  private applyOne(event: PushedEvent): MembershipChange | null {
    if (event.type === 'm.room.member' && typeof event.state_key === 'string') {
      const own = this.applyMember(event, event.state_key);
      // Whoever invites, kicks or bans someone else is joined themselves.
      if (event.sender !== event.state_key) this.applyProof(event.room_id, event.sender);
      return own;
    }
    return this.applyProof(event.room_id, event.sender);
  }

  private applyMember(event: PushedEvent, userId: string): MembershipChange | null {
    if (!this.tracks(userId)) return null;
    const content = event.content ?? {};
    const membership = typeof content.membership === 'string' ? content.membership : '';
    if (membership === 'join') {
      const record: MemberRecord = { state: 'joined', updated: 0 };
      if (typeof content.displayname === 'string' && content.displayname !== '') record.displayName = content.displayname;
      if (typeof content.avatar_url === 'string') record.avatarUrl = content.avatar_url;
      return this.set(event.room_id, userId, record);
    }
    // leave, ban, invite, knock: not (or no longer) joined. A kick is a leave sent by someone else.
    const record: MemberRecord = { state: 'not-joined', updated: 0 };
    if (membership === 'ban') {
      record.reason = 'banned';
      record.by = event.sender;
    } else if (membership === 'leave' && event.sender !== userId) {
      record.reason = 'kicked';
      record.by = event.sender;
    } else record.reason = 'left-room';
    return this.set(event.room_id, userId, record);
  }

  /** An event sent by a user: they were joined, unless a membership seen earlier says otherwise. */
  private applyProof(roomId: string, userId: string): MembershipChange | null {
    if (!this.tracks(userId) || this.get(roomId, userId)) return null;
    return this.set(roomId, userId, { state: 'joined', updated: 0 });
  }

  private set(roomId: string, userId: string, record: MemberRecord): MembershipChange | null {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { updated: 0, members: new Map() };
      this.rooms.set(roomId, room);
    }
    const previous = room.members.get(userId);
    record.updated = ++this.clock;
    room.updated = record.updated;
    // A join after a display name change keeps the room state's latest name; nothing else carries over.
    room.members.set(userId, record);
    if (previous?.state === record.state) return null;
    return { roomId, userId, before: previous?.state ?? 'unknown', after: record };
  }

  private tracks(userId: string): boolean {
    return this.options.tracksUser ? this.options.tracksUser(userId) : true;
  }

  private evict(): void {
    if (this.rooms.size <= this.options.maxRooms) return;
    const oldestFirst = [...this.rooms.entries()].sort((a, b) => a[1].updated - b[1].updated);
    for (const [roomId] of oldestFirst.slice(0, this.rooms.size - this.options.maxRooms)) this.rooms.delete(roomId);
  }
}
