import { describe, expect, it } from 'vitest';
import { keyboardPlatform, shortcutFor, shortcutHelp, type KeyPress } from '../../../../../src/renderer/app/shell/shortcuts.ts';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('uses Ctrl on Windows and Linux, Cmd on macOS', () => {
    expect(shortcutFor(press('k', { ctrlKey: true }), 'other')).toBe('switch-room');
    expect(shortcutFor(press('k', { metaKey: true }), 'other')).toBeNull();
    expect(shortcutFor(press('k', { metaKey: true }), 'mac')).toBe('switch-room');
    expect(shortcutFor(press('k', { ctrlKey: true }), 'mac')).toBeNull();
    expect(shortcutFor(press('K', { ctrlKey: true }), 'other')).toBe('switch-room');
    expect(shortcutFor(press('/', { ctrlKey: true }), 'other')).toBe('show-shortcuts');
  });

  it('moves between rooms with Alt and the arrows, and between unread rooms with Shift too', () => {
    expect(shortcutFor(press('ArrowUp', { altKey: true }), 'other')).toBe('previous-room');
    expect(shortcutFor(press('ArrowDown', { altKey: true }), 'other')).toBe('next-room');
    expect(shortcutFor(press('ArrowDown', { altKey: true, shiftKey: true }), 'mac')).toBe('next-unread');
    expect(shortcutFor(press('ArrowUp', { altKey: true, shiftKey: true }), 'other')).toBe('previous-unread');
  });

  it('leaves every other key alone (typing, and shortcuts with extra modifiers)', () => {
    expect(shortcutFor(press('k'), 'other')).toBeNull();
    expect(shortcutFor(press('ArrowDown'), 'other')).toBeNull();
    expect(shortcutFor(press('k', { ctrlKey: true, shiftKey: true }), 'other')).toBeNull();
    expect(shortcutFor(press('ArrowDown', { altKey: true, ctrlKey: true }), 'other')).toBeNull();
  });

  it('tells macOS from the rest by the user agent', () => {
    expect(keyboardPlatform('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Relais')).toBe('mac');
    expect(keyboardPlatform('Mozilla/5.0 (X11; Linux x86_64)')).toBe('other');
  });

  it('lists the shortcuts with the keys of the platform', () => {
    expect(shortcutHelp('mac')[0]).toEqual({ keys: ['⌘', 'K'], join: 'together', action: 'switch-room' });
    expect(shortcutHelp('other').find((s) => s.action === 'timeline')?.join).toBe('either');
    expect(shortcutHelp('other').map((s) => s.action)).toContain('next-unread');
  });
});
