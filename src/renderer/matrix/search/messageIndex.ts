// The messages this device has seen, searchable without the network. Pure: the indexer feeds it
// decrypted text from the SDK, and the encrypted local database keeps it between runs. Bounded per
// room so memory stays bounded whatever the account's size.
export interface IndexedMessage {
  eventId: string;
  roomId: string;
  sender: string;
  senderName: string;
  timestamp: number;
  body: string;
}

export interface SearchHit extends IndexedMessage {
  /** The body's text around the first match, for the results list. */
  snippet: string;
}

export const MAX_MESSAGES_PER_ROOM = 5_000;

export function foldForSearch(text: string): string {
  // Accents and case do not matter: "reunion" finds "Réunion", as people type French quickly.
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export class MessageIndex {
  private readonly rooms = new Map<string, Map<string, IndexedMessage>>();
  private readonly dirty = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private changes = 0;

  /** Counts changes, so an open search can tell its results are stale (useSyncExternalStore). */
  version(): number {
    return this.changes;
  }

  /** Called after each change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(roomId: string): void {
    this.dirty.add(roomId);
    this.changes += 1;
    for (const listener of this.listeners) listener();
  }

  add(message: IndexedMessage): void {
    const room = this.roomMap(message.roomId);
    const previous = room.get(message.eventId);
    if (previous && previous.body === message.body && previous.senderName === message.senderName) return;
    room.set(message.eventId, message);
    if (room.size > MAX_MESSAGES_PER_ROOM) this.trim(room);
    this.changed(message.roomId);
  }

  /** An edit replaces the text of a message already indexed; unknown targets are ignored. */
  edit(roomId: string, eventId: string, body: string): void {
    const existing = this.rooms.get(roomId)?.get(eventId);
    if (!existing || existing.body === body) return;
    this.rooms.get(roomId)?.set(eventId, { ...existing, body });
    this.changed(roomId);
  }

  remove(roomId: string, eventId: string): void {
    if (this.rooms.get(roomId)?.delete(eventId)) this.changed(roomId);
  }

  /** Replaces a room's messages with what was stored (at start-up); not marked dirty. */
  load(roomId: string, messages: readonly IndexedMessage[]): void {
    const room = this.roomMap(roomId);
    for (const m of messages) if (!room.has(m.eventId)) room.set(m.eventId, m);
    if (room.size > MAX_MESSAGES_PER_ROOM) this.trim(room);
  }

  messagesOf(roomId: string): IndexedMessage[] {
    return [...(this.rooms.get(roomId)?.values() ?? [])];
  }

  /** Rooms changed since the last call, for saving. */
  takeDirtyRooms(): string[] {
    const rooms = [...this.dirty];
    this.dirty.clear();
    return rooms;
  }

  size(): number {
    let total = 0;
    for (const room of this.rooms.values()) total += room.size;
    return total;
  }

  /** Every word of the query must appear, in the text or the sender's name; newest first. */
  /** Newest first; `roomId` keeps the search to one room. */
  search(query: string, limit = 50, roomId?: string): SearchHit[] {
    const terms = foldForSearch(query).split(/\s+/).filter(Boolean);
    if (terms.length === 0) return [];
    const hits: SearchHit[] = [];
    const rooms = roomId === undefined ? [...this.rooms.values()] : [this.rooms.get(roomId) ?? new Map<string, IndexedMessage>()];
    for (const room of rooms) {
      for (const message of room.values()) {
        const body = foldForSearch(message.body);
        const haystack = `${body} ${foldForSearch(message.senderName)}`;
        if (terms.every((term) => haystack.includes(term)))
          // Composed form for the snippet, so offsets in the folded text are offsets in the original.
          hits.push({
            ...message,
            snippet: snippetOf(message.body.normalize('NFC'), foldForSearch(message.body.normalize('NFC')), terms),
          });
      }
    }
    return hits.sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
  }

  private roomMap(roomId: string): Map<string, IndexedMessage> {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = new Map();
      this.rooms.set(roomId, room);
    }
    return room;
  }

  private trim(room: Map<string, IndexedMessage>): void {
    const oldestFirst = [...room.values()].sort((a, b) => a.timestamp - b.timestamp);
    for (const m of oldestFirst.slice(0, room.size - MAX_MESSAGES_PER_ROOM)) room.delete(m.eventId);
  }
}

function snippetOf(original: string, folded: string, terms: readonly string[]): string {
  const at = Math.max(
    0,
    ...terms
      .map((t) => folded.indexOf(t))
      .filter((i) => i >= 0)
      .slice(0, 1),
  );
  // Folding can change lengths (decomposed accents); close enough for a window of context.
  const start = Math.max(0, at - 40);
  const text = original.slice(start, start + 160);
  return `${start > 0 ? '…' : ''}${text}${start + 160 < original.length ? '…' : ''}`;
}
