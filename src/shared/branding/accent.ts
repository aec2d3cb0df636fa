// An organisation's accent colour, checked and turned into the shades Compound's accent tokens need
// in the light and dark themes (docs/design-system.md §5). It lives in `shared` so that main can
// refuse a colour that fails WCAG, and say why in `relais --print-policy`, before any window opens.
// Canvas and subtle colours are Compound 10.2.4's bg-canvas-default and bg-subtle-secondary.
import { contrastRatio, isHexColour, lightnessSteps, shiftLightness } from './colour.ts';

export interface AccentShades {
  rest: string;
  hovered: string;
  pressed: string;
}

export type AccentTheme = 'light' | 'dark';

export type AccentResult =
  { ok: true; light: AccentShades; dark: AccentShades } | { ok: false; theme: AccentTheme; reason: string; suggestion?: string };

interface Surfaces {
  canvas: string;
  subtle: string;
  /** Which way a shade moves on hover and press: darker in light, lighter in dark, as Compound's own accents do. */
  direction: 1 | -1;
}

export const ACCENT_SURFACES: Readonly<Record<AccentTheme, Surfaces>> = {
  light: { canvas: '#ffffff', subtle: '#f0f2f5', direction: -1 },
  dark: { canvas: '#101317', subtle: '#1d1f24', direction: 1 },
};

/** The accent is used as text (links, text-action-accent) and text sits on it: 4.5:1 both ways. */
export const TEXT_CONTRAST = 4.5;
/** Fills and borders against the subtle background (WCAG 2.2 SC 1.4.11). */
export const NON_TEXT_CONTRAST = 3;

const HOVER_STEP = 0.05;
const PRESS_STEP = 0.1;
const DERIVE_STEP = 0.02;
const DERIVE_STEPS = 40;
const SUGGEST_STEP = 0.01;
const SUGGEST_STEPS = 100;

function shadesOf(rest: string, theme: AccentTheme): AccentShades {
  const { direction } = ACCENT_SURFACES[theme];
  return {
    rest,
    hovered: shiftLightness(rest, direction * HOVER_STEP),
    pressed: shiftLightness(rest, direction * PRESS_STEP),
  };
}

/** A ratio to two decimals, never rounded up to the threshold it failed. */
function ratio(value: number, needed: number): string {
  const rounded = Math.round(value * 100) / 100;
  return `${(rounded >= needed ? needed - 0.01 : rounded).toFixed(2)}:1`;
}

/** Why these shades fail in this theme, or null when every check passes. */
function failure(shades: AccentShades, theme: AccentTheme): string | null {
  const { canvas, subtle } = ACCENT_SURFACES[theme];
  for (const name of ['rest', 'hovered', 'pressed'] as const) {
    const onCanvas = contrastRatio(shades[name], canvas);
    if (onCanvas < TEXT_CONTRAST) {
      const which = name === 'rest' ? shades.rest : `${shades.rest}’s ${name} shade ${shades[name]}`;
      return `${which} has ${ratio(onCanvas, TEXT_CONTRAST)} contrast on the ${theme} background (${canvas}); text needs ${TEXT_CONTRAST}:1`;
    }
  }
  const onSubtle = contrastRatio(shades.rest, subtle);
  if (onSubtle < NON_TEXT_CONTRAST) {
    return `${shades.rest} has ${ratio(onSubtle, NON_TEXT_CONTRAST)} contrast on the ${theme} subtle background (${subtle}); controls need ${NON_TEXT_CONTRAST}:1`;
  }
  return null;
}

/** The nearest shade of the same hue that passes in this theme: darker in light, lighter in dark. */
function nearestPassing(colour: string, theme: AccentTheme): string | undefined {
  const steps = lightnessSteps(colour, ACCENT_SURFACES[theme].direction * SUGGEST_STEP, SUGGEST_STEPS);
  return steps.find((candidate) => failure(shadesOf(candidate, theme), theme) === null);
}

function refusal(colour: string, theme: AccentTheme, reason: string): AccentResult {
  const suggestion = nearestPassing(colour, theme);
  return suggestion === undefined ? { ok: false, theme, reason } : { ok: false, theme, reason, suggestion };
}

/**
 * The dark theme's accent when the organisation gave none: the light accent made lighter, 0.02 of
 * OKLCH lightness at a time, until it reads on the dark canvas.
 */
function derivedDark(accent: string): string | null {
  if (failure(shadesOf(accent, 'dark'), 'dark') === null) return accent;
  const steps = lightnessSteps(accent, DERIVE_STEP, DERIVE_STEPS);
  return steps.find((candidate) => failure(shadesOf(candidate, 'dark'), 'dark') === null) ?? null;
}

/**
 * Shades for the light and dark themes, or why the colour is refused. The light accent is the
 * organisation's colour, never altered: a colour that fails is refused with the nearest passing one
 * as a suggestion, rather than silently replaced by a colour nobody chose.
 */
export function deriveAccent(accent: string, accentDark?: string): AccentResult {
  for (const [colour, theme] of [
    [accent, 'light'],
    [accentDark, 'dark'],
  ] as const) {
    if (colour !== undefined && !isHexColour(colour)) {
      return { ok: false, theme, reason: `${JSON.stringify(colour)} is not a colour written #rrggbb` };
    }
  }
  const rest = accent.toLowerCase();
  const light = shadesOf(rest, 'light');
  const lightProblem = failure(light, 'light');
  if (lightProblem !== null) return refusal(rest, 'light', lightProblem);

  if (accentDark !== undefined) {
    const dark = shadesOf(accentDark.toLowerCase(), 'dark');
    const darkProblem = failure(dark, 'dark');
    if (darkProblem !== null) return refusal(dark.rest, 'dark', darkProblem);
    return { ok: true, light, dark };
  }
  const derived = derivedDark(rest);
  if (derived === null) {
    return { ok: false, theme: 'dark', reason: `no lighter shade of ${rest} reads on the dark background; set accentColorDark` };
  }
  return { ok: true, light, dark: shadesOf(derived, 'dark') };
}
