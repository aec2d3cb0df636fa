// Keeps the organisation's branding on <html> in step with the palette in use: the user's theme
// (the same setting useThemeClass applies), or the system's light, dark and contrast preferences.
import { useEffect } from 'react';
import type { ManagedBranding } from '../../shared/branding/branding.ts';
import type { Theme } from '../../shared/settings/userSettings.ts';
import { useMediaQuery } from '../ui/useMediaQuery.ts';
import { appearanceOf, applyBranding } from './brandingStyle.ts';
// The French-state palette: loaded here, where it is switched on, so styles.css stays Relais's own.
import '../themes/dsfr.css';

export function useBranding(branding: ManagedBranding, theme: Theme | null): void {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const moreContrast = useMediaQuery('(prefers-contrast: more)');
  const forcedColors = useMediaQuery('(forced-colors: active)');
  const appearance = appearanceOf(theme, { dark, moreContrast, forcedColors });
  useEffect(() => {
    applyBranding(document.documentElement, branding, appearance);
  }, [branding, appearance]);
}
