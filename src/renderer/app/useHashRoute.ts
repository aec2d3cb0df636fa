import { useEffect, useState } from 'react';

/**
 * Where the app is: the URL fragment, so links and back/forward work. #/room/<id> opens a room at its
 * newest message; #/room/<id>/event/<id> opens it at one message (a search result).
 */
export type Route = { kind: 'home' } | { kind: 'room'; roomId: string; eventId?: string };

/** The route in the URL fragment, followed as it changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The room currently open, from the URL fragment. */
export function useOpenRoomId(): string | null {
  const route = useRoute();
  return route.kind === 'room' ? route.roomId : null;
}

/** The message the open room was asked to show (a search result), or null for its newest. */
export function useOpenEventId(): string | null {
  const route = useRoute();
  return route.kind === 'room' ? (route.eventId ?? null) : null;
}

export function roomHref(roomId: string): string {
  return `#/room/${encodeURIComponent(roomId)}`;
}

export function routeHref(route: Route): string {
  if (route.kind === 'home') return '';
  const room = roomHref(route.roomId);
  return route.eventId ? `${room}/event/${encodeURIComponent(route.eventId)}` : room;
}

/** Goes to a route: the one place that writes the fragment (useRoute hears it change). */
export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

export function parseRoute(hash: string): Route {
  const match = /^#\/room\/([^/]+)(?:\/event\/([^/]+))?$/.exec(hash);
  const roomId = decode(match?.[1]);
  if (!roomId) return { kind: 'home' };
  const eventId = decode(match?.[2]);
  return eventId ? { kind: 'room', roomId, eventId } : { kind: 'room', roomId };
}

/** Null for a missing or malformed part (a hand-typed fragment with a stray %). */
function decode(part: string | undefined): string | null {
  if (!part) return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
