// The address of a room's call in an Element Call web app, in the form Element Call documents
// (https://host/room/#/?roomId=!id:server): the room travels in the fragment, so it is never sent
// to the Element Call host itself.

/** The room's call at the organisation's Element Call, or null when the base is not an https URL. */
export function elementCallRoomUrl(base: string, roomId: string): string | null {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return null;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}/room/#/?roomId=${encodeURIComponent(roomId)}`;
}
