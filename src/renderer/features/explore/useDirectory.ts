// The public room directory as one types: the first page for the filter after a short pause, then
// further pages on "Show more". An answer for an older filter is dropped.
import type { MatrixClient } from 'matrix-js-sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { directoryPage, type DirectoryRoom } from '../../matrix/roomDirectory.ts';
import { rendererLogger } from '../../platform/log.ts';

const TYPING_PAUSE_MS = 300;

export interface DirectoryState {
  rooms: DirectoryRoom[];
  status: 'loading' | 'ready' | 'failed';
  more: boolean;
  showMore: () => void;
}

export function useDirectory(client: MatrixClient, filter: string): DirectoryState {
  const [rooms, setRooms] = useState<DirectoryRoom[]>([]);
  const [status, setStatus] = useState<DirectoryState['status']>('loading');
  const [next, setNext] = useState<string | null>(null);
  const asked = useRef(0);

  const load = useCallback(
    (since: string | null) => {
      const ask = ++asked.current;
      setStatus('loading');
      directoryPage(client, filter, since).then(
        (page) => {
          if (ask !== asked.current) return;
          setRooms((known) => (since ? [...known, ...page.rooms] : page.rooms));
          setNext(page.next);
          setStatus('ready');
        },
        (error: unknown) => {
          if (ask !== asked.current) return;
          log.swallow('reading the room directory', 'info')(error);
          setStatus('failed');
        },
      );
    },
    [client, filter],
  );

  useEffect(() => {
    const timer = setTimeout(() => load(null), filter ? TYPING_PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [filter, load]);

  return { rooms, status, more: next !== null, showMore: () => load(next) };
}

const log = rendererLogger('explore');
