import { useCallback, useRef, useState } from 'react';

export type ThreadPanelState =
  | { kind: 'none' }
  | { kind: 'list' }
  | { kind: 'thread'; rootId: string }
  | { kind: 'members' }
  | { kind: 'person'; userId: string };

/**
 * Which side panel the room shows (none, the thread list, one thread, the members, one person), and where focus goes back when
 * it closes: to the message the thread was opened from, else to the button that opened the panel.
 */
export function useThreadPanel() {
  const [state, setState] = useState<ThreadPanelState>({ kind: 'none' });
  // The element that opened the first panel of this visit (the list's opener stays while a thread from it is open).
  const opener = useRef<HTMLElement | null>(null);
  const openThread = useCallback(
    (rootId: string, from: HTMLElement | null) => {
      if (state.kind === 'none') opener.current = from;
      setState({ kind: 'thread', rootId });
    },
    [state.kind],
  );
  const toggleList = useCallback(
    (from: HTMLElement | null) => {
      if (state.kind === 'none') opener.current = from;
      setState(state.kind === 'list' ? { kind: 'none' } : { kind: 'list' });
    },
    [state.kind],
  );
  const toggleMembers = useCallback(
    (from: HTMLElement | null) => {
      if (state.kind === 'none') opener.current = from;
      setState(state.kind === 'members' || state.kind === 'person' ? { kind: 'none' } : { kind: 'members' });
    },
    [state.kind],
  );
  const openPerson = useCallback((userId: string) => setState({ kind: 'person', userId }), []);
  const backToMembers = useCallback(() => setState({ kind: 'members' }), []);
  const close = useCallback(() => {
    setState({ kind: 'none' });
    const from = opener.current;
    opener.current = null;
    // After the panel is gone (at narrow widths the room was hidden behind it).
    requestAnimationFrame(() => {
      const target = from?.isConnected ? (from.closest<HTMLElement>('article') ?? from) : null;
      target?.focus();
    });
  }, []);
  return { state, openThread, toggleList, toggleMembers, openPerson, backToMembers, close };
}
