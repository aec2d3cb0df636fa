// Stands in for `vaul` (vite.config.ts aliases it here). Compound's Menu imports vaul's Drawer but only
// draws it for Android and iOS user agents; vaul itself appends a <style> element as soon as it is
// loaded, which the app's CSP (style-src 'self') refuses. Relais runs on desktops only: the drawer
// parts render nothing, so the menu can never end up empty-handed behind a blocked stylesheet.
import type { ReactNode } from 'react';

function Nothing(): ReactNode {
  return null;
}

export const Drawer = {
  Root: Nothing,
  Trigger: Nothing,
  Portal: Nothing,
  Overlay: Nothing,
  Content: Nothing,
  Title: Nothing,
  Description: Nothing,
  Close: Nothing,
  Handle: Nothing,
  NestedRoot: Nothing,
};
