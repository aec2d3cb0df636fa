// A small IndexedDB database whose values are encrypted at rest (AES-256-GCM), for what Relais keeps
// on this device besides the crypto store: the sync cache, the outbox and the search index. The key is
// derived (HKDF) from the 32-byte store key held in the OS keychain, so a copied profile folder is
// unreadable without the keychain. Keys of records (room ids, transaction ids) are not secret and
// stay in clear, so records can be listed and deleted without decrypting them.

export const LOCAL_DB_PREFIX = 'relais-local:';
// 2: the drafts store (created on upgrade; the other stores are kept).
const DB_VERSION = 2;
export const STORES = ['sync', 'outbox', 'blobs', 'search', 'drafts'] as const;
export type StoreName = (typeof STORES)[number];

interface SealedRecord {
  iv: Uint8Array;
  data: ArrayBuffer;
}

// Values come back as `unknown`: they are our own JSON, authenticated by AES-GCM (nobody without the
// keychain key can have altered them), and each caller knows the shape it stored.
export interface EncryptedDb {
  put(store: StoreName, key: string, value: unknown): Promise<void>;
  get(store: StoreName, key: string): Promise<unknown>;
  getAll(store: StoreName): Promise<{ key: string; value: unknown }[]>;
  putBytes(store: StoreName, key: string, bytes: ArrayBuffer): Promise<void>;
  getBytes(store: StoreName, key: string): Promise<ArrayBuffer | undefined>;
  delete(store: StoreName, key: string): Promise<void>;
  close(): void;
}

export async function deriveLocalKey(storeKey: Uint8Array): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', storeKey as Uint8Array<ArrayBuffer>, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('relais-local-db-v1') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export function localDbName(userId: string, deviceId: string): string {
  return `${LOCAL_DB_PREFIX}${userId}:${deviceId}`;
}

export async function openEncryptedDb(name: string, key: CryptoKey): Promise<EncryptedDb> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, DB_VERSION);
    request.onupgradeneeded = () => {
      for (const store of STORES) if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Cannot open ${name}`));
  });

  const seal = async (plain: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<SealedRecord> => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain) };
  };
  const open = (record: SealedRecord): Promise<ArrayBuffer> =>
    crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv as Uint8Array<ArrayBuffer> }, key, record.data);

  const run = <T>(store: StoreName, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = act(tx.objectStore(store));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error(`IndexedDB ${mode} on ${store} failed`));
    });

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    async put(store, k, value) {
      const sealed = await seal(encoder.encode(JSON.stringify(value)));
      await run(store, 'readwrite', (s) => s.put(sealed, k));
    },
    async get(store: StoreName, k: string) {
      const sealed = await run<SealedRecord | undefined>(
        store,
        'readonly',
        (s) => s.get(k) as IDBRequest<SealedRecord | undefined>,
      );
      return sealed ? (JSON.parse(decoder.decode(await open(sealed))) as unknown) : undefined;
    },
    async getAll(store: StoreName) {
      // One cursor in one transaction, so keys and values always belong together.
      const sealed = await new Promise<{ key: string; record: SealedRecord }[]>((resolve, reject) => {
        const found: { key: string; record: SealedRecord }[] = [];
        const tx = db.transaction(store, 'readonly');
        const cursorRequest = tx.objectStore(store).openCursor();
        cursorRequest.onsuccess = () => {
          const cursor = cursorRequest.result;
          if (!cursor) return;
          found.push({ key: typeof cursor.key === 'string' ? cursor.key : '', record: cursor.value as SealedRecord });
          cursor.continue();
        };
        tx.oncomplete = () => resolve(found);
        tx.onerror = tx.onabort = () => reject(tx.error ?? new Error(`IndexedDB read of ${store} failed`));
      });
      return Promise.all(
        sealed.map(async ({ key: k, record }) => ({ key: k, value: JSON.parse(decoder.decode(await open(record))) as unknown })),
      );
    },
    async putBytes(store, k, bytes) {
      const sealed = await seal(bytes);
      await run(store, 'readwrite', (s) => s.put(sealed, k));
    },
    async getBytes(store, k) {
      const sealed = await run<SealedRecord | undefined>(
        store,
        'readonly',
        (s) => s.get(k) as IDBRequest<SealedRecord | undefined>,
      );
      return sealed ? open(sealed) : undefined;
    },
    async delete(store, k) {
      await run(store, 'readwrite', (s) => s.delete(k));
    },
    close: () => db.close(),
  };
}
