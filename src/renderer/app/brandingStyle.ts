// Puts the organisation's branding on <html>: the accent shades as inline custom properties (CSSOM,
// allowed by `style-src 'self'`, and inline declarations win over Compound's [class*="cpd-theme-"]
// rules), and the DSFR theme as classes (themes/dsfr.css). High-contrast themes are never branded:
// their colours are chosen for contrast, and an organisation's colour would lower it.
import type { BrandingTheme, ManagedBranding } from '../../shared/branding/branding.ts';
import type { AccentShades } from '../../shared/branding/accent.ts';
import type { Theme } from '../../shared/settings/userSettings.ts';

export type Appearance = 'light' | 'dark' | 'high-contrast';

export interface SystemPreferences {
  dark: boolean;
  moreContrast: boolean;
  forcedColors: boolean;
}

/** The palette in use: the user's theme, or with none (follow the system) what the OS asks for. */
export function appearanceOf(theme: Theme | null, system: SystemPreferences): Appearance {
  if (theme === 'light-hc' || theme === 'dark-hc') return 'high-contrast';
  if (theme !== null) return theme;
  if (system.moreContrast || system.forcedColors) return 'high-contrast';
  return system.dark ? 'dark' : 'light';
}

/**
 * Compound's semantic tokens for each shade (docs/design-system.md §5). Primary actions take the
 * accent too, as Tchap does: Compound's near-black primary buttons would hide it. Text on them stays
 * `text-on-solid-primary` (the canvas colour), which deriveAccent checked at 4.5:1.
 */
export const ACCENT_TOKENS: Readonly<Record<keyof AccentShades, readonly string[]>> = {
  rest: [
    '--cpd-color-bg-accent-rest',
    '--cpd-color-text-action-accent',
    '--cpd-color-icon-accent-primary',
    '--cpd-color-icon-accent-tertiary',
    '--cpd-color-border-accent-primary',
    '--cpd-color-bg-action-primary-rest',
  ],
  hovered: ['--cpd-color-bg-accent-hovered', '--cpd-color-bg-action-primary-hovered'],
  pressed: ['--cpd-color-bg-accent-pressed', '--cpd-color-bg-action-primary-pressed'],
};

const ALL_ACCENT_TOKENS = Object.values(ACCENT_TOKENS).flat();

/** The inline custom properties for this appearance; none without an accent or in high contrast. */
export function accentProperties(accent: ManagedBranding['accent'], appearance: Appearance): Map<string, string> {
  const properties = new Map<string, string>();
  if (accent === null || appearance === 'high-contrast') return properties;
  const shades = accent[appearance];
  for (const shade of ['rest', 'hovered', 'pressed'] as const) {
    for (const token of ACCENT_TOKENS[shade]) properties.set(token, shades[shade]);
  }
  return properties;
}

export const DSFR_CLASS = 'relais-theme-dsfr';
export const DSFR_DARK_CLASS = 'relais-theme-dsfr-dark';

/** The theme classes for <html>; dsfr.css holds the palette of each. */
export function themeClasses(theme: BrandingTheme, appearance: Appearance): string[] {
  if (theme !== 'dsfr' || appearance === 'high-contrast') return [];
  return appearance === 'dark' ? [DSFR_CLASS, DSFR_DARK_CLASS] : [DSFR_CLASS];
}

export function applyBranding(root: HTMLElement, branding: ManagedBranding, appearance: Appearance): void {
  const properties = accentProperties(branding.accent, appearance);
  for (const token of ALL_ACCENT_TOKENS) {
    const value = properties.get(token);
    if (value === undefined) root.style.removeProperty(token);
    else root.style.setProperty(token, value);
  }
  root.classList.remove(DSFR_CLASS, DSFR_DARK_CLASS);
  root.classList.add(...themeClasses(branding.theme, appearance));
}
