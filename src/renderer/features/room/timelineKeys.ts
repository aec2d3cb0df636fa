// The message list is one stop in the tab order (roving tabindex): the arrows move between messages,
// Tab goes on into the focused message's actions and then out of the list.

/** Where a key moves the focus from message `current` of `count`, or null when the key is not ours. */
export function rovingTarget(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * Which message holds the tab stop. The one last focused (else the newest), but only rows near the
 * viewport are in the DOM: when it has scrolled out of them, the nearest drawn row takes the stop, so
 * the list never drops out of the tab order.
 */
export function tabStopIndex(
  active: number,
  count: number,
  firstDrawn: number | undefined,
  lastDrawn: number | undefined,
): number {
  if (count === 0) return -1;
  const wanted = active >= 0 && active < count ? active : count - 1;
  if (firstDrawn === undefined || lastDrawn === undefined) return wanted;
  return Math.min(Math.max(wanted, firstDrawn), lastDrawn);
}
