import { describe, expect, it } from 'vitest';
import { signOutRisks } from '../../../../../src/renderer/app/shell/signOutRisks.ts';

describe('signOutRisks', () => {
  it('is null when nothing would be lost: signing out goes ahead without a question', () => {
    expect(signOutRisks({ unsentMessages: 0, keyBackupMissing: false, hasEncryptedRooms: true })).toBeNull();
    // No encrypted room: no key to lose, even without backup.
    expect(signOutRisks({ unsentMessages: 0, keyBackupMissing: true, hasEncryptedRooms: false })).toBeNull();
  });

  it('names unsent messages and keys without backup, alone or together', () => {
    expect(signOutRisks({ unsentMessages: 2, keyBackupMissing: false, hasEncryptedRooms: true })).toEqual({
      unsentMessages: 2,
      keysAtRisk: false,
    });
    expect(signOutRisks({ unsentMessages: 0, keyBackupMissing: true, hasEncryptedRooms: true })).toEqual({
      unsentMessages: 0,
      keysAtRisk: true,
    });
    expect(signOutRisks({ unsentMessages: 1, keyBackupMissing: true, hasEncryptedRooms: true })).toEqual({
      unsentMessages: 1,
      keysAtRisk: true,
    });
  });
});
