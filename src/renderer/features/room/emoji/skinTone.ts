// The skin tone chosen in the emoji picker, remembered on this device (a display preference, like
// Element's, not something to carry in account data).
import type { SkinTone } from 'frimousse';

export const SKIN_TONES = [
  'none',
  'light',
  'medium-light',
  'medium',
  'medium-dark',
  'dark',
] as const satisfies readonly SkinTone[];

const KEY = 'relais.emoji.skinTone';

/** The Unicode modifier of each tone, to draw the selector's hand in the tone it stands for. */
const MODIFIERS: Record<(typeof SKIN_TONES)[number], string> = {
  none: '',
  light: '\u{1F3FB}',
  'medium-light': '\u{1F3FC}',
  medium: '\u{1F3FD}',
  'medium-dark': '\u{1F3FE}',
  dark: '\u{1F3FF}',
};

export function isSkinTone(value: unknown): value is (typeof SKIN_TONES)[number] {
  return (SKIN_TONES as readonly unknown[]).includes(value);
}

export function nextSkinTone(tone: (typeof SKIN_TONES)[number]): (typeof SKIN_TONES)[number] {
  return SKIN_TONES[(SKIN_TONES.indexOf(tone) + 1) % SKIN_TONES.length] ?? 'none';
}

export function handIn(tone: (typeof SKIN_TONES)[number]): string {
  return `\u{270B}${MODIFIERS[tone]}`;
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // some privacy modes refuse storage: the tone then lasts for this picker only
  }
}

export function savedSkinTone(): (typeof SKIN_TONES)[number] {
  const saved = storage()?.getItem(KEY);
  return isSkinTone(saved) ? saved : 'none';
}

export function saveSkinTone(tone: (typeof SKIN_TONES)[number]): void {
  try {
    storage()?.setItem(KEY, tone);
  } catch {
    // Full or refused storage: the choice is simply not remembered.
  }
}
