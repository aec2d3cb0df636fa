/** How many pages of history a jump reads back at most before giving up (a page is a few dozen events). */
export const JUMP_MAX_PAGES = 20;

/**
 * Loads older pages until `isLoaded` says the wanted message is there, the room's start is reached, or
 * `maxPages` were read: a message months back must not make the app read the whole room. Resolves
 * whether it was found; a page that fails to load ends the search (the caller already shows why).
 */
export async function loadUntilFound(
  isLoaded: () => boolean,
  loadOlder: () => Promise<boolean>,
  maxPages = JUMP_MAX_PAGES,
): Promise<boolean> {
  for (let page = 0; !isLoaded(); page++) {
    if (page >= maxPages) return false;
    let more: boolean;
    try {
      more = await loadOlder();
    } catch {
      return false;
    }
    if (!more) return isLoaded();
  }
  return true;
}
