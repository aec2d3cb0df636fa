// Sliding sync gives each listed room one event per answer (timeline_limit 1, to keep the list cheap). When
// two messages arrive in one answer the client gets only the newest, marked `limited`, and the SDK keeps
// no record of the gap: the unread walk (unreadCounts.ts) would go from that message straight to the
// older, read ones and say "1". So for a limited, non-initial update the events just before it are
// fetched once (one /messages request) and kept beside the room; the walk reads them in time order and
// stops at the first read one, as it does on the timeline. Nothing is added to the room's timeline.
import { Direction, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { SlidingSyncEvent, type MSC3575RoomData, type SlidingSync } from 'matrix-js-sdk/lib/sliding-sync.js';
import { rendererLogger } from '../../platform/log.ts';

/** Events fetched per gap, and kept per room: enough for any burst a person reads as one. */
export const MAX_GAP_EVENTS = 20;

interface GapStore {
  rooms: Map<string, MatrixEvent[]>;
  listeners: Set<() => void>;
}

const stores = new WeakMap<MatrixClient, GapStore>();
const log = rendererLogger('sync');

/** Whether a room's update may have skipped events: a live update (not the room's first) cut short. */
export function mayHaveSkippedEvents(data: Pick<MSC3575RoomData, 'limited' | 'initial' | 'prev_batch'>): boolean {
  return data.limited === true && data.initial !== true && typeof data.prev_batch === 'string';
}

/** The fetched events for a room, oldest first; empty when none were needed. */
export function gapEventsOf(client: MatrixClient, roomId: string): readonly MatrixEvent[] {
  return stores.get(client)?.rooms.get(roomId) ?? [];
}

/** Told after each gap is filled (the room list recounts); returns the unsubscribe. */
export function onGapFilled(client: MatrixClient, listener: () => void): () => void {
  const store = storeOf(client);
  store.listeners.add(listener);
  return () => store.listeners.delete(listener);
}

/** Keeps the newest MAX_GAP_EVENTS of what is known and what arrived, each event once, oldest first. */
export function mergeGapEvents(known: readonly MatrixEvent[], arrived: readonly MatrixEvent[]): MatrixEvent[] {
  const byId = new Map<string, MatrixEvent>();
  for (const event of [...known, ...arrived]) {
    const id = event.getId();
    if (id) byId.set(id, event);
  }
  return [...byId.values()].sort((a, b) => a.getTs() - b.getTs()).slice(-MAX_GAP_EVENTS);
}

export function watchUnreadGaps(client: MatrixClient, slidingSync: SlidingSync): void {
  slidingSync.on(SlidingSyncEvent.RoomData, (roomId, data) => {
    if (!mayHaveSkippedEvents(data) || !data.prev_batch) return;
    void fetchGapEvents(client, roomId, data.prev_batch);
  });
}

/** Fetches the MAX_GAP_EVENTS events before `fromToken` into the room's gap events; never rejects. */
export async function fetchGapEvents(client: MatrixClient, roomId: string, fromToken: string): Promise<void> {
  const store = storeOf(client);
  try {
    const response = await client.createMessagesRequest(roomId, fromToken, MAX_GAP_EVENTS, Direction.Backward);
    const mapper = client.getEventMapper();
    const arrived = response.chunk.map((raw) => mapper({ ...raw, room_id: roomId }));
    store.rooms.set(roomId, mergeGapEvents(store.rooms.get(roomId) ?? [], arrived));
    for (const listener of store.listeners) listener();
  } catch (error) {
    log.swallow("fetching the messages before a room's first loaded one", 'info')(error);
  }
}

function storeOf(client: MatrixClient): GapStore {
  let store = stores.get(client);
  if (!store) {
    store = { rooms: new Map(), listeners: new Set() };
    stores.set(client, store);
  }
  return store;
}
