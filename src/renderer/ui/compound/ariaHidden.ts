// Stands in for `aria-hidden` (vite.config.ts aliases it here). Radix's modal menus hide the rest of
// the page with aria-hidden while it stays focusable, which axe reports (aria-hidden-focus) and which
// leaves a screen reader's virtual cursor half out of the menu. `inert` hides and disables it at once;
// the package's own suppressOthers uses it (falling back to aria-hidden where inert is missing).
export { inertOthers, supportsInert, suppressOthers, suppressOthers as hideOthers } from 'aria-hidden/dist/es2015/index.js';
export type { Undo } from 'aria-hidden/dist/es2015/index.js';
