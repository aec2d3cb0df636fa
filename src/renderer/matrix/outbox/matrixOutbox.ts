// The outbox's Matrix side: entries kept in the encrypted local database, sent through matrix-js-sdk
// with the transaction id fixed at composition (PUT .../send/{type}/{txnId}), so a retry after a lost
// answer or a restart is deduplicated by the homeserver. Encrypted rooms are encrypted at send time,
// with the room's keys as they are then.
import { ClientEvent, EventStatus, MatrixError, RoomEvent, SyncState, type MatrixClient, type Room } from 'matrix-js-sdk';
import type { SendError } from './classify.ts';
import type { NewEntry, OutboxEntry } from './outboxState.ts';
import type { EncryptedDb } from '../../storage/encryptedDb.ts';
import { uploadFileContent, type FileCaption } from '../attachments.ts';
import { UploadTracker } from './uploadTracker.ts';
import { Outbox, type OutboxPersistence, type OutboxTransport } from './outboxRunner.ts';
import { rendererLogger } from '../../platform/log.ts';

export interface QueuedFileContent {
  name: string;
  mimetype: string;
  size: number;
  caption?: FileCaption;
  /** A file sent in a thread carries the thread's relation, as a message there does. */
  'm.relates_to'?: Record<string, unknown>;
}

/** The user cancelled the upload: the entry goes, nothing is sent. */
export class UploadCancelledError extends Error {
  constructor() {
    super('Upload cancelled');
    this.name = 'UploadCancelledError';
  }
}

export function encryptedDbPersistence(db: EncryptedDb): OutboxPersistence {
  return {
    load: async () => (await db.getAll('outbox')).map((r) => r.value as OutboxEntry),
    save: (entry) => db.put('outbox', entry.txnId, entry),
    remove: (txnId) => db.delete('outbox', txnId),
  };
}

/** In memory only: when there is no keychain, nothing may be written to disk. */
export function memoryPersistence(): OutboxPersistence {
  const entries = new Map<string, OutboxEntry>();
  return {
    load: () => Promise.resolve([...entries.values()]),
    save: (entry) => Promise.resolve(void entries.set(entry.txnId, entry)),
    remove: (txnId) => Promise.resolve(void entries.delete(txnId)),
  };
}

export interface BlobStore {
  put(txnId: string, bytes: ArrayBuffer): Promise<void>;
  get(txnId: string): Promise<ArrayBuffer | undefined>;
  delete(txnId: string): Promise<void>;
}

export function blobStoreFor(db: EncryptedDb | null): BlobStore {
  if (db)
    return {
      put: (k, b) => db.putBytes('blobs', k, b),
      get: (k) => db.getBytes('blobs', k),
      delete: (k) => db.delete('blobs', k),
    };
  const memory = new Map<string, ArrayBuffer>();
  return {
    put: (k, b) => Promise.resolve(void memory.set(k, b)),
    get: (k) => Promise.resolve(memory.get(k)),
    delete: (k) => Promise.resolve(void memory.delete(k)),
  };
}

export function matrixTransport(client: MatrixClient, blobs: BlobStore, uploads = new UploadTracker()): OutboxTransport {
  return {
    async send(entry) {
      // Redactions are never encrypted; anything else waits until the room can be sent into safely.
      if (entry.kind !== 'redaction') await ensureRoomReady(client, entry.roomId);
      try {
        if (entry.kind === 'redaction' && entry.redacts) {
          await client.redactEvent(entry.roomId, entry.redacts, entry.txnId);
        } else if (entry.kind === 'file') {
          const bytes = await blobs.get(entry.txnId);
          if (!bytes) throw new MatrixError({ errcode: 'M_NOT_FOUND', error: 'The queued file is gone' }, 404);
          const file = entry.content as unknown as QueuedFileContent;
          const encrypted = client.getRoom(entry.roomId)?.hasEncryptionStateEvent() ?? false;
          const abortController = uploads.begin(entry.txnId, bytes.byteLength);
          try {
            const content = await uploadFileContent(client, new Blob([bytes], { type: file.mimetype }), file.name, encrypted, {
              caption: file.caption,
              abortController,
              onProgress: (loaded, total) => uploads.report(entry.txnId, loaded, total),
            });
            // Cancelled as the upload ended: the file is on the server but its message must not go.
            if (abortController.signal.aborted) throw new UploadCancelledError();
            uploads.commit(entry.txnId);
            const relation = file['m.relates_to'];
            await sendRaw(
              client,
              entry.roomId,
              entry.eventType,
              relation ? { ...content, 'm.relates_to': relation } : content,
              entry.txnId,
            );
          } catch (error) {
            throw abortController.signal.aborted ? new UploadCancelledError() : error;
          } finally {
            uploads.end(entry.txnId);
          }
        } else {
          await sendRaw(client, entry.roomId, entry.eventType, { ...entry.content }, entry.txnId);
        }
      } catch (error) {
        withdrawLocalEcho(client, entry);
        throw error;
      }
    },
    async discard(entry) {
      if (entry.kind === 'file') await blobs.delete(entry.txnId);
    },
    cancel: (entry) => entry.kind === 'file' && uploads.cancel(entry.txnId),
    isCancellation: (error) => error instanceof UploadCancelledError,
  };
}

/**
 * The room is not ready to send into yet: a transient failure, retried when sync brings the room
 * (sendWhenRoomsArrive) or after the outbox's backoff.
 */
export class RoomNotSyncedError extends Error {
  constructor(roomId: string, why: 'unknown' | 'encryption') {
    super(
      why === 'unknown'
        ? `Room ${roomId} is not synced yet: not sending before its encryption is known`
        : `Room ${roomId} is encrypted but its encryption is not set up yet`,
    );
    this.name = 'RoomNotSyncedError';
  }
}

/**
 * For a moment after a room is created or joined, matrix-js-sdk cannot send into it properly: before
 * sync brings the room it sends in clear (it cannot tell the room is encrypted), and under sliding
 * sync the room appears before its encryption state reaches the crypto backend, which then refuses
 * ("unconfigured room"). The first ends the attempt here, before anything leaves; so does the second
 * for a room new to this device. A room whose settings the crypto store kept from an earlier run passes
 * this check during that moment, and the SDK's refusal is then the transient failure; either way the
 * room's arrival (sendWhenRoomsArrive) sends it again.
 */
async function ensureRoomReady(client: MatrixClient, roomId: string): Promise<void> {
  const room = client.getRoom(roomId);
  if (!room) throw new RoomNotSyncedError(roomId, 'unknown');
  const crypto = client.getCrypto();
  if (room.hasEncryptionStateEvent() && crypto && !(await crypto.isEncryptionEnabledInRoom(roomId))) {
    throw new RoomNotSyncedError(roomId, 'encryption');
  }
}

function sendRaw(client: MatrixClient, roomId: string, eventType: string, content: Record<string, unknown>, txnId: string) {
  // The SDK's typed overloads know only the event types it models; ours are the same spec events.
  const send = client.sendEvent.bind(client) as (r: string, t: string, c: Record<string, unknown>, x: string) => Promise<unknown>;
  return send(roomId, eventType, content, txnId);
}

/** The SDK leaves a failed send in the timeline as "not sent"; the outbox shows it instead. */
function withdrawLocalEcho(client: MatrixClient, entry: OutboxEntry): void {
  const echo = client.getRoom(entry.roomId)?.findEventById(`~${entry.roomId}:${entry.txnId}`);
  if (echo && (echo.status === EventStatus.NOT_SENT || echo.status === EventStatus.QUEUED)) {
    try {
      client.cancelPendingEvent(echo);
    } catch (error) {
      rendererLogger('outbox').swallow('withdrawing a local echo', 'debug')(error);
      // Already gone or sent meanwhile: nothing to withdraw.
    }
  }
}

export function toSendError(error: unknown): SendError {
  if (error instanceof RoomNotSyncedError) return { roomNotReady: true };
  if (error instanceof MatrixError) {
    // Reads the Retry-After header as well as the deprecated retry_after_ms field.
    const retryAfter = safeRetryAfter(error);
    return {
      httpStatus: error.httpStatus,
      errcode: error.errcode,
      ...(typeof retryAfter === 'number' ? { retryAfterMs: retryAfter } : {}),
    };
  }
  const status = (error as { httpStatus?: unknown } | null)?.httpStatus;
  return typeof status === 'number' ? { httpStatus: status } : {};
}

function safeRetryAfter(error: MatrixError): number | null {
  try {
    return error.getRetryAfterMs();
  } catch {
    return null;
  }
}

export function newTxnId(): string {
  return `relais.${Date.now().toString(36)}.${crypto.randomUUID()}`;
}

export function createMatrixOutbox(
  client: MatrixClient,
  db: EncryptedDb | null,
): { outbox: Outbox; blobs: BlobStore; uploads: UploadTracker } {
  const blobs = blobStoreFor(db);
  const uploads = new UploadTracker();
  const outbox = new Outbox({
    persistence: db ? encryptedDbPersistence(db) : memoryPersistence(),
    transport: matrixTransport(client, blobs, uploads),
    toSendError,
  });
  return { outbox, blobs, uploads };
}

/**
 * An entry for a room that was not ready failed with RoomNotSyncedError; waiting out its backoff (up
 * to a minute after a few attempts) would leave it "waiting to send" long after the room is there.
 * Its room's entries are retried once the sync answer that brought the room has been processed
 * whole: the room object appears before its encryption is set up, within the same answer.
 * Returns the unsubscribe.
 */
export function sendWhenRoomsArrive(client: MatrixClient, outbox: Outbox): () => void {
  const arrived = new Set<string>();
  // A new room, or one this client knew as an invitation and has now joined.
  const onRoom = (room: Room): void => void arrived.add(room.roomId);
  const onSync = (state: SyncState): void => {
    if (state !== SyncState.Syncing && state !== SyncState.Prepared) return;
    for (const roomId of arrived) outbox.roomArrived(roomId);
    arrived.clear();
  };
  client.on(ClientEvent.Room, onRoom);
  client.on(RoomEvent.MyMembership, onRoom);
  client.on(ClientEvent.Sync, onSync);
  return () => {
    client.off(ClientEvent.Room, onRoom);
    client.off(RoomEvent.MyMembership, onRoom);
    client.off(ClientEvent.Sync, onSync);
  };
}

export type { NewEntry };
