// Feeds the local message index from the SDK: every text message this device sees, once decrypted,
// from the live timeline, the cache and scrolled-back history; edits and deletions applied. The index
// is saved per room in the encrypted local database, so it survives restarts and works offline.
import {
  ClientEvent,
  EventStatus,
  EventType,
  MatrixEventEvent,
  RelationType,
  RoomEvent,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
} from 'matrix-js-sdk';
import { MessageIndex, type IndexedMessage } from './messageIndex.ts';
import type { EncryptedDb } from '../../storage/encryptedDb.ts';
import { rendererLogger } from '../../platform/log.ts';

/** Soon after a change, so what was just read is searchable after a restart, offline. */
const SAVE_DELAY_MS = 2_000;

export interface MessageSearch {
  readonly index: MessageIndex;
  /** Resolves once what the last run saved is loaded. */
  readonly ready: Promise<void>;
  flush(): Promise<void>;
  stop(): void;
}

export function startMessageIndexer(client: MatrixClient, db: EncryptedDb | null): MessageSearch {
  const index = new MessageIndex();
  const ready = (async () => {
    if (!db) return;
    const stored = await db.getAll('search').catch(() => []);
    for (const { key, value } of stored) index.load(key, value as IndexedMessage[]);
  })();

  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleSave = () => {
    saveTimer ??= setTimeout(() => {
      saveTimer = null;
      void save();
    }, SAVE_DELAY_MS);
  };
  const consider = (event: MatrixEvent) => {
    indexEvent(event);
    scheduleSave();
  };
  const indexEvent = (event: MatrixEvent) => {
    if (event.isRedacted()) {
      const roomId = event.getRoomId();
      const id = event.getId();
      if (roomId && id) index.remove(roomId, id);
      return;
    }
    // Our own messages count once the server has them (SENT): found at once, not after the next sign-in.
    // Before that (sending, queued, failed) they may never exist.
    if (event.getType() !== (EventType.RoomMessage as string) || (event.status !== null && event.status !== EventStatus.SENT))
      return;
    const roomId = event.getRoomId();
    const eventId = event.getId();
    const content = event.getContent();
    if (!roomId || !eventId) return;
    const replaced = event.getRelation();
    if (replaced?.rel_type === RelationType.Replace && replaced.event_id) {
      const newBody: unknown = (content['m.new_content'] as { body?: unknown } | undefined)?.body;
      if (typeof newBody === 'string') index.edit(roomId, replaced.event_id, newBody);
      return;
    }
    if (typeof content.body !== 'string') return;
    const sender = event.getSender() ?? '';
    index.add({
      eventId,
      roomId,
      sender,
      senderName: event.sender?.name ?? sender,
      timestamp: event.getTs(),
      body: content.body,
    });
  };

  const onRedaction = (redaction: MatrixEvent) => {
    const roomId = redaction.getRoomId();
    const target = redaction.event.redacts ?? (redaction.getContent().redacts as string | undefined);
    if (roomId && target) index.remove(roomId, target);
    scheduleSave();
  };

  // What the cache and the first sync brought in before we listened.
  const indexLoadedRooms = () => {
    for (const room of client.getRooms()) for (const event of room.getLiveTimeline().getEvents()) consider(event);
  };
  const onSync = (state: SyncState) => {
    if (state === SyncState.Prepared) indexLoadedRooms();
  };

  const save = async () => {
    if (!db) return;
    await ready;
    for (const roomId of index.takeDirtyRooms())
      await db.put('search', roomId, index.messagesOf(roomId)).catch(rendererLogger('search').swallow('saving the search index'));
  };
  const onHide = () => void save();

  // A message we send reaches the timeline as a local echo (status "sending", skipped above); with the
  // SDK's detached pending events no Timeline event follows when it is sent, only this update.
  const onLocalEchoUpdated = (event: MatrixEvent) => {
    if (event.status === EventStatus.SENT || event.status === null) consider(event);
  };

  client.on(RoomEvent.Timeline, consider);
  client.on(RoomEvent.LocalEchoUpdated, onLocalEchoUpdated);
  client.on(MatrixEventEvent.Decrypted, consider);
  client.on(RoomEvent.Redaction, onRedaction);
  client.on(ClientEvent.Sync, onSync);
  window.addEventListener('pagehide', onHide);
  indexLoadedRooms();

  return {
    index,
    ready,
    flush: save,
    stop() {
      if (saveTimer) clearTimeout(saveTimer);
      client.off(RoomEvent.Timeline, consider);
      client.off(RoomEvent.LocalEchoUpdated, onLocalEchoUpdated);
      client.off(MatrixEventEvent.Decrypted, consider);
      client.off(RoomEvent.Redaction, onRedaction);
      client.off(ClientEvent.Sync, onSync);
      window.removeEventListener('pagehide', onHide);
    },
  };
}
