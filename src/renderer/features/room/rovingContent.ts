// What a message holds besides its own actions (links in its text, a file's download link, a meeting
// card's button) is drawn by code that knows nothing of the list's single tab stop: this takes it out
// of the tab order in every message but the focused one, and puts it back when that message is focused.
import { useEffect, type RefObject } from 'react';

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

/**
 * Keeps every drawn message's content in step with its tab stop. Watched rather than run after each
 * render: a file's download link appears when the file is ready, without the list drawing again.
 */
export function useRovingContent(listRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const apply = () => {
      for (const item of list.querySelectorAll<HTMLElement>('.timeline-row .timeline-item'))
        setContentTabbable(item, item.tabIndex === 0);
    };
    apply();
    // Our own tabindex changes come back here once and change nothing more: no loop.
    const observer = new MutationObserver(apply);
    observer.observe(list, { subtree: true, childList: true, attributes: true, attributeFilter: ['tabindex'] });
    return () => observer.disconnect();
  }, [listRef]);
}
