// Which tab a key moves to in a tablist (WAI-ARIA Authoring Practices, "Tabs"): arrows step and wrap,
// Home and End go to the ends. Both arrow pairs work whatever the orientation: the list turns from a
// column into rows on a narrow window, and a keyboard user should not have to notice.

/** The index of the tab `key` selects from `current`, or null when the key is not a tab key. */
export function tabIndexForKey(key: string, current: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowUp':
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
