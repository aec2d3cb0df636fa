import { useEffect, useState } from 'react';

/** Where the app is: the URL fragment (#/room/<id>), so links and back/forward work. */
export type Route = { kind: 'home' } | { kind: 'room'; roomId: string };

/** The room currently open, from the URL fragment. */
export function useOpenRoomId(): string | null {
  const [roomId, setRoomId] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoomId(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return roomId;
}

export function roomHref(roomId: string): string {
  return `#/room/${encodeURIComponent(roomId)}`;
}

/** Goes to a route: the one place that writes the fragment (useOpenRoomId hears it change). */
export function navigate(route: Route): void {
  window.location.hash = route.kind === 'room' ? roomHref(route.roomId) : '';
}

function parse(hash: string): string | null {
  const match = /^#\/room\/([^/]+)$/.exec(hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
