import { describe, expect, it } from 'vitest';
import {
  leaveSignInNotice,
  SIGN_IN_NOTICE_KEY,
  takeSignInNotice,
} from '../../../../../src/renderer/features/signin/signInNotice.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

describe('sign-in notice', () => {
  it('is said once', () => {
    const storage = memoryStorage();
    leaveSignInNotice(storage, 'session-ended');
    expect(takeSignInNotice(storage)).toBe('session-ended');
    expect(takeSignInNotice(storage)).toBeNull();
  });

  it('ignores what it does not know', () => {
    const storage = memoryStorage();
    storage.setItem(SIGN_IN_NOTICE_KEY, 'something else');
    expect(takeSignInNotice(storage)).toBeNull();
    expect(storage.map.size).toBe(0);
  });
});
