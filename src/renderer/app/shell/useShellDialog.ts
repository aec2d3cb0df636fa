// Which of the shell's dialogs is open: one at a time, named by a typed value rather than a flag per
// dialog. Focus going back to the element that opened a dialog comes from the native <dialog>
// (Chromium restores it on close, and when an open dialog is removed); test/e2e/shell.spec.ts
// checks it for every dialog here.
import { useCallback, useState } from 'react';
import type { SignOutRisks } from './signOutRisks.ts';

export type ShellDialog =
  | { kind: 'new-room' }
  | { kind: 'new-direct-message' }
  | { kind: 'search' }
  | { kind: 'switch-room' }
  | { kind: 'shortcuts' }
  | { kind: 'settings' }
  | { kind: 'confirm-sign-out'; risks: SignOutRisks }
  /** `key` starts the dialog afresh for each link handed over, even the same one twice. */
  | { kind: 'join-teams'; text: string; key: number };

export interface ShellDialogState {
  dialog: ShellDialog | null;
  open: (dialog: ShellDialog) => void;
  close: () => void;
}

export function useShellDialog(): ShellDialogState {
  const [dialog, setDialog] = useState<ShellDialog | null>(null);
  const close = useCallback(() => setDialog(null), []);
  // setDialog keeps its identity: `open` can be an effect dependency (the Teams link listener).
  return { dialog, open: setDialog, close };
}
