// The chosen theme is one Compound class on <html> (cpd-theme-dark, …); with none, the CSS follows the
// system through media queries (light or dark, more contrast). Inline colours never change: every
// colour in Relais is a token, so one class switches them all.
import type { Theme } from '../../shared/settings/userSettings.ts';

const THEME_CLASS_PREFIX = 'cpd-theme-';

/** The element's class list with the theme class for `theme` (or none, to follow the system). */
export function withThemeClass(className: string, theme: Theme | null): string {
  const kept = className.split(/\s+/).filter((name) => name !== '' && !name.startsWith(THEME_CLASS_PREFIX));
  if (theme !== null) kept.push(`${THEME_CLASS_PREFIX}${theme}`);
  return kept.join(' ');
}
