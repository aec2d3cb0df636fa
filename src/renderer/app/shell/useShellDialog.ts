// Which of the shell's dialogs is open (one at a time), and focus back where it was when it closes:
// the button that opened it, or wherever the person was when a Teams link arrived from the OS.
import { useCallback, useEffect, useRef, useState } from 'react';

export type ShellDialog =
  | { kind: 'new-room' }
  | { kind: 'new-direct-message' }
  | { kind: 'search' }
  | { kind: 'settings' }
  | { kind: 'confirm-sign-out' }
  /** `key` starts the dialog afresh for each link handed over, even the same one twice. */
  | { kind: 'join-teams'; text: string; key: number };

export interface ShellDialogState {
  dialog: ShellDialog | null;
  open: (dialog: ShellDialog) => void;
  close: () => void;
}

export function useShellDialog(): ShellDialogState {
  const [dialog, setDialog] = useState<ShellDialog | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback((next: ShellDialog) => {
    const focused = document.activeElement;
    // Only the first opener counts: a dialog replaced by another still returns to where it all began.
    if (!opener.current && focused instanceof HTMLElement && focused !== document.body) opener.current = focused;
    setDialog(next);
  }, []);
  const close = useCallback(() => setDialog(null), []);

  // After the dialogs' own effects have closed the native <dialog> (children's effects run first):
  // focus can only move outside a modal dialog once it is closed.
  useEffect(() => {
    if (dialog !== null) return;
    const element = opener.current;
    opener.current = null;
    if (element?.isConnected) element.focus();
  }, [dialog]);

  return { dialog, open, close };
}
