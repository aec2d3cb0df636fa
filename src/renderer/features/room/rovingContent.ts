// What a message holds besides its own actions (links in its text, a file's download link, a meeting
// card's button) is drawn by code that knows nothing of the list's single tab stop: this takes it out
// of the tab order in every message but the focused one, and puts it back when that message is focused.

const FOCUSABLE = 'a[href], button, input, select, textarea, audio[controls], video[controls], summary';
/** The toolbar and reactions get their tabIndex from MessageRow: React owns those attributes. */
const MANAGED = '.message-toolbar, .reactions';
const MARK = 'data-roving-hidden';

export function setContentTabbable(message: HTMLElement, tabbable: boolean): void {
  for (const element of message.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (element.closest(MANAGED)) continue;
    if (tabbable) {
      if (!element.hasAttribute(MARK)) continue;
      element.removeAttribute('tabindex');
      element.removeAttribute(MARK);
    } else if (!element.hasAttribute('tabindex')) {
      // Only what had no tabindex of its own: anything that set one keeps it.
      element.tabIndex = -1;
      element.setAttribute(MARK, '');
    }
  }
}
