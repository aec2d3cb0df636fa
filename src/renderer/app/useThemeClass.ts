import { useEffect } from 'react';
import type { Theme } from '../../shared/settings/userSettings.ts';
import { withThemeClass } from './themeClass.ts';

/** Keeps <html>'s theme class in step with the user's choice (null: follow the system). */
export function useThemeClass(theme: Theme | null): void {
  useEffect(() => {
    const root = document.documentElement;
    root.className = withThemeClass(root.className, theme);
  }, [theme]);
}
