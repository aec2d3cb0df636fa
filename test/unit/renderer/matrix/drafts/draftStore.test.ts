import { describe, expect, it, vi } from 'vitest';
import { DraftStore, isEmptyDraft, parseDraft, type Draft } from '../../../../../src/renderer/matrix/drafts/draftStore.ts';
import type { EncryptedDb, StoreName } from '../../../../../src/renderer/storage/encryptedDb.ts';

function memoryDb(initial: Record<string, unknown> = {}) {
  const drafts = new Map<string, unknown>(Object.entries(initial));
  const only = (store: StoreName) => {
    if (store !== 'drafts') throw new Error(`unexpected store ${store}`);
    return drafts;
  };
  const db: EncryptedDb = {
    put: (store, key, value) => Promise.resolve(void only(store).set(key, structuredClone(value))),
    get: (store, key) => Promise.resolve(only(store).get(key)),
    getAll: (store) => Promise.resolve([...only(store)].map(([key, value]) => ({ key, value }))),
    putBytes: () => Promise.reject(new Error('not used')),
    getBytes: () => Promise.reject(new Error('not used')),
    delete: (store, key) => Promise.resolve(void only(store).delete(key)),
    close: () => undefined,
  };
  return { db, drafts };
}

const draft = (text: string, extra: Partial<Draft> = {}): Draft => ({
  text,
  mentions: [],
  replyToEventId: null,
  editEventId: null,
  ...extra,
});

describe('drafts', () => {
  it('are empty without text, reply or edit; a reply alone is worth keeping', () => {
    expect(isEmptyDraft(draft('  '))).toBe(true);
    expect(isEmptyDraft(draft('', { replyToEventId: '$x' }))).toBe(false);
    expect(isEmptyDraft(draft('Bonjour'))).toBe(false);
  });

  it('refuses stored records of another shape', () => {
    expect(parseDraft({ text: 'a', mentions: [], replyToEventId: null, editEventId: null })).not.toBeNull();
    expect(parseDraft({ text: 3 })).toBeNull();
    expect(parseDraft('hello')).toBeNull();
  });

  it('are there at once when switching rooms, and saved shortly after, encrypted store', async () => {
    vi.useFakeTimers();
    try {
      const { db, drafts } = memoryDb();
      const store = new DraftStore(db);
      await store.ready;
      store.set('!a', draft('Je reviens'));
      expect(store.get('!a')?.text).toBe('Je reviens');
      expect(drafts.has('!a')).toBe(false);
      await vi.advanceTimersByTimeAsync(600);
      expect(drafts.get('!a')).toMatchObject({ text: 'Je reviens' });
      store.set('!a', draft(''));
      expect(store.get('!a')).toBeNull();
      await vi.advanceTimersByTimeAsync(600);
      expect(drafts.has('!a')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('come back after a restart, reply and edit included; damaged records are dropped', async () => {
    const { db } = memoryDb({
      '!a': draft('À relire', { replyToEventId: '$r', mentions: [{ userId: '@b:hs', name: 'Bruno' }] }),
      '!b': { text: 42 },
    });
    const store = new DraftStore(db);
    await store.ready;
    expect(store.get('!a')).toEqual(draft('À relire', { replyToEventId: '$r', mentions: [{ userId: '@b:hs', name: 'Bruno' }] }));
    expect(store.get('!b')).toBeNull();
  });

  it('flush writes at once, and a failing save is reported, not thrown', async () => {
    const { db } = memoryDb();
    const errors: unknown[] = [];
    const failing: EncryptedDb = { ...db, put: () => Promise.reject(new Error('disk full')) };
    const store = new DraftStore(failing, (e) => errors.push(e));
    store.set('!a', draft('x'));
    await store.flush();
    expect(errors).toHaveLength(1);
  });

  it('work in memory without a local database (no keychain)', () => {
    const store = new DraftStore(null);
    store.set('!a', draft('x'));
    expect(store.get('!a')?.text).toBe('x');
    return expect(store.flush()).resolves.toBeUndefined();
  });
});
