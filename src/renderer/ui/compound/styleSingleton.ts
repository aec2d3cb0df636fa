// Stands in for `react-style-singleton` (vite.config.ts aliases it here), with the same exports.
// Radix's modal menus lock page scrolling through react-remove-scroll-bar, which asks this package for
// a stylesheet; the original appends a <style> element, which the app's CSP (style-src 'self') refuses.
// A constructed stylesheet in document.adoptedStyleSheets is CSSOM, which the CSP allows.
import { useEffect, type FC } from 'react';

export interface StyleSheetSingleton {
  add: (style: string) => void;
  remove: () => void;
}

/** One stylesheet shared by every user: added by the first, taken away after the last. */
export function stylesheetSingleton(): StyleSheetSingleton {
  let users = 0;
  let sheet: CSSStyleSheet | null = null;
  return {
    add(style) {
      // Where constructed stylesheets are missing (jsdom), the scroll lock is simply not applied.
      if (users === 0 && typeof document !== 'undefined' && 'adoptedStyleSheets' in document) {
        const created = new CSSStyleSheet();
        created.replaceSync(style);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, created];
        sheet = created;
      }
      users++;
    },
    remove() {
      users = Math.max(0, users - 1);
      if (users === 0 && sheet) {
        const removed = sheet;
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== removed);
        sheet = null;
      }
    },
  };
}

/** A hook applying styles while a component is mounted (the original's contract). */
export function styleHookSingleton(): (styles: string, isDynamic?: boolean) => void {
  const sheet = stylesheetSingleton();
  return function useStyle(styles, isDynamic) {
    useEffect(() => {
      sheet.add(styles);
      return () => sheet.remove();
      // As in the original: the styles are read once unless marked dynamic.
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [styles && isDynamic]);
  };
}

/** A component applying its `styles` while mounted. */
export function styleSingleton(): FC<{ styles: string; dynamic?: boolean }> {
  const useStyle = styleHookSingleton();
  const Sheet: FC<{ styles: string; dynamic?: boolean }> = ({ styles, dynamic }) => {
    useStyle(styles, dynamic);
    return null;
  };
  return Sheet;
}
