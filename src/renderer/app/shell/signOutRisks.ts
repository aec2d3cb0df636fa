// What signing out would lose, said before it happens: messages still waiting in the outbox, and the
// keys to encrypted messages when no key backup holds them (the device's keys go with the session).

export interface SignOutRisks {
  unsentMessages: number;
  /** Encrypted history that nothing else could open again after signing out. */
  keysAtRisk: boolean;
}

export function signOutRisks(input: {
  unsentMessages: number;
  keyBackupMissing: boolean;
  hasEncryptedRooms: boolean;
}): SignOutRisks | null {
  const risks = { unsentMessages: input.unsentMessages, keysAtRisk: input.keyBackupMissing && input.hasEncryptedRooms };
  return risks.unsentMessages > 0 || risks.keysAtRisk ? risks : null;
}
