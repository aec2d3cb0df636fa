// The app's keyboard shortcuts: which key press means what, and the list the "Keyboard shortcuts"
// dialog shows. Pure, so the mapping is tested without a browser. Ctrl on Windows and Linux is Cmd on
// macOS, as in every desktop app.

export type ShortcutAction = 'switch-room' | 'previous-room' | 'next-room' | 'previous-unread' | 'next-unread' | 'show-shortcuts';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export type KeyboardPlatform = 'mac' | 'other';

export function keyboardPlatform(userAgent: string): KeyboardPlatform {
  return /Mac OS X|Macintosh/.test(userAgent) ? 'mac' : 'other';
}

export function shortcutFor(press: KeyPress, platform: KeyboardPlatform): ShortcutAction | null {
  const command = platform === 'mac' ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  if (command && !press.altKey && !press.shiftKey) {
    if (press.key === 'k' || press.key === 'K') return 'switch-room';
    if (press.key === '/') return 'show-shortcuts';
  }
  if (press.altKey && !press.ctrlKey && !press.metaKey) {
    if (press.key === 'ArrowUp') return press.shiftKey ? 'previous-unread' : 'previous-room';
    if (press.key === 'ArrowDown') return press.shiftKey ? 'next-unread' : 'next-room';
  }
  return null;
}

/** What the "Keyboard shortcuts" dialog lists, in order: key names are shown as keycaps, then translated. */
export interface ShortcutHelp {
  keys: readonly string[];
  /** Keys pressed together (Ctrl + K), or alternatives (↑ / ↓). */
  join: 'together' | 'either';
  /** Translation key under shortcuts.actions. */
  action: ShortcutAction | 'skip-to-composer' | 'cancel' | 'timeline';
}

export function shortcutHelp(platform: KeyboardPlatform): ShortcutHelp[] {
  const command = platform === 'mac' ? '⌘' : 'Ctrl';
  const alt = platform === 'mac' ? '⌥' : 'Alt';
  return [
    { keys: [command, 'K'], join: 'together', action: 'switch-room' },
    { keys: [alt, '↑'], join: 'together', action: 'previous-room' },
    { keys: [alt, '↓'], join: 'together', action: 'next-room' },
    { keys: [alt, 'Shift', '↑'], join: 'together', action: 'previous-unread' },
    { keys: [alt, 'Shift', '↓'], join: 'together', action: 'next-unread' },
    { keys: ['↑', '↓', 'Home', 'End'], join: 'either', action: 'timeline' },
    { keys: ['Esc'], join: 'together', action: 'cancel' },
    { keys: [command, '/'], join: 'together', action: 'show-shortcuts' },
  ];
}
