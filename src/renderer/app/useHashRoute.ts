import { useEffect, useState } from 'react';

/** The room currently open, from the URL fragment (#/room/<id>), so links and back/forward work. */
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

function parse(hash: string): string | null {
  const match = /^#\/room\/([^/]+)$/.exec(hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
