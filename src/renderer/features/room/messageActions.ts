// Which actions a message offers in its "More options" menu, and what Quote puts in the composer.
// Pure: the toolbar draws what this returns.
import type { TimelineItem } from '../../matrix/timeline.ts';

export type MenuAction = 'edit' | 'delete' | 'copyLink' | 'forward' | 'quote' | 'pin' | 'unpin' | 'viewSource';

export interface MenuAbilities {
  /** My power level allows redacting other people's messages here. */
  redactOthers: boolean;
  /** My power level allows changing the room's pinned messages. */
  pin: boolean;
  /** The message is pinned now. */
  pinned: boolean;
  /** Developer mode (user setting or policy): View source. */
  developerMode: boolean;
}

/** Text one can rewrite: what the composer can hold (not files, not deleted or unreadable messages). */
export function isEditable(item: TimelineItem): boolean {
  return item.kind === 'text' || item.kind === 'emote' || item.kind === 'notice';
}

const READABLE = new Set<TimelineItem['kind']>(['text', 'notice', 'emote', 'image', 'file']);

/** The menu's items for a message, in the order they are shown. */
export function menuActions(item: TimelineItem, abilities: MenuAbilities): MenuAction[] {
  const actions: MenuAction[] = [];
  // A message still in the outbox has no event id the server knows: nothing can point at it yet.
  if (item.pending) return abilities.developerMode ? ['viewSource'] : [];
  if (item.mine && isEditable(item)) actions.push('edit');
  if (item.kind !== 'redacted' && (item.mine || abilities.redactOthers)) actions.push('delete');
  actions.push('copyLink');
  if (READABLE.has(item.kind)) actions.push('forward');
  if (isEditable(item)) actions.push('quote');
  if (abilities.pin && item.kind !== 'redacted') actions.push(abilities.pinned ? 'unpin' : 'pin');
  if (abilities.developerMode) actions.push('viewSource');
  return actions;
}

/** Quote: every line of the message behind "> ", then a blank line to write the answer after. */
export function quoteText(body: string): string {
  const lines = body.replace(/\s+$/, '').split('\n');
  return `${lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n')}\n\n`;
}
