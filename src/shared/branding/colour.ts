// Colour maths for organisation branding: #rrggbb parsing, WCAG 2 contrast, and OKLCH (Björn
// Ottosson's OKLab in polar form). OKLCH is used because its lightness matches what people see, so
// "a bit darker" keeps the organisation's hue instead of drifting as HSL would.

export interface Rgb {
  /** Gamma-encoded sRGB channels, 0–1. */
  r: number;
  g: number;
  b: number;
}

export interface Oklch {
  l: number;
  c: number;
  /** Hue in degrees, 0–360. */
  h: number;
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

export function isHexColour(text: string): boolean {
  return HEX_COLOUR.test(text);
}

export function parseHex(hex: string): Rgb | null {
  if (!isHexColour(hex)) return null;
  const channel = (index: number) => Number.parseInt(hex.slice(index, index + 2), 16) / 255;
  return { r: channel(1), g: channel(3), b: channel(5) };
}

export function toHex({ r, g, b }: Rgb): string {
  const byte = (value: number) =>
    Math.round(Math.min(1, Math.max(0, value)) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${byte(r)}${byte(g)}${byte(b)}`;
}

function toLinear(value: number): number {
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

function fromLinear(value: number): number {
  return value <= 0.0031308 ? value * 12.92 : 1.055 * value ** (1 / 2.4) - 0.055;
}

/** WCAG 2 relative luminance. */
export function luminance({ r, g, b }: Rgb): number {
  return 0.2126 * toLinear(r) + 0.7152 * toLinear(g) + 0.0722 * toLinear(b);
}

/** WCAG 2 contrast ratio of two #rrggbb colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const first = parseHex(a);
  const second = parseHex(b);
  if (!first || !second) throw new Error(`contrastRatio needs #rrggbb colours, got ${a} and ${b}`);
  const [light, dark] = [luminance(first), luminance(second)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export function rgbToOklch(rgb: Rgb): Oklch {
  const r = toLinear(rgb.r);
  const g = toLinear(rgb.g);
  const b = toLinear(rgb.b);
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const lightness = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const a = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  const bAxis = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  const hue = (Math.atan2(bAxis, a) * 180) / Math.PI;
  return { l: lightness, c: Math.hypot(a, bAxis), h: hue < 0 ? hue + 360 : hue };
}

/** Gamma-encoded sRGB, possibly outside 0–1 when the colour is outside the sRGB gamut. */
function oklchToUnclampedRgb({ l: lightness, c, h }: Oklch): Rgb {
  const radians = (h * Math.PI) / 180;
  const a = c * Math.cos(radians);
  const bAxis = c * Math.sin(radians);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * bAxis) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * bAxis) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * bAxis) ** 3;
  return {
    r: fromLinear(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
    g: fromLinear(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
    b: fromLinear(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
  };
}

const GAMUT_EPSILON = 1e-4;

function inGamut({ r, g, b }: Rgb): boolean {
  return [r, g, b].every((value) => value >= -GAMUT_EPSILON && value <= 1 + GAMUT_EPSILON);
}

/**
 * `colour` with its lightness clamped to 0–1 and its chroma cut (hue kept) until it fits the sRGB
 * gamut: the most colourful displayable colour of that hue and lightness.
 */
export function fitToGamut(colour: Oklch): Oklch {
  const l = Math.min(1, Math.max(0, colour.l));
  if (inGamut(oklchToUnclampedRgb({ ...colour, l }))) return { ...colour, l };
  let low = 0;
  let high = colour.c;
  for (let step = 0; step < 30; step += 1) {
    const middle = (low + high) / 2;
    if (inGamut(oklchToUnclampedRgb({ l, c: middle, h: colour.h }))) low = middle;
    else high = middle;
  }
  return { l, c: low, h: colour.h };
}

export function oklchToHex(colour: Oklch): string {
  return toHex(oklchToUnclampedRgb(fitToGamut(colour)));
}

export function hexToOklch(hex: string): Oklch {
  const rgb = parseHex(hex);
  if (!rgb) throw new Error(`expected a #rrggbb colour, got ${hex}`);
  return rgbToOklch(rgb);
}

/**
 * `count` shades of `hex`, each `delta` of OKLCH lightness further, hue kept. Chroma cut to fit the
 * gamut at one step stays cut at the next, so the walk never swings back to a more saturated colour.
 */
export function lightnessSteps(hex: string, delta: number, count: number): string[] {
  const shades: string[] = [];
  let colour = hexToOklch(hex);
  for (let step = 0; step < count; step += 1) {
    colour = fitToGamut({ ...colour, l: colour.l + delta });
    shades.push(oklchToHex(colour));
  }
  return shades;
}

/** `hex` with its OKLCH lightness moved by `delta` (hue kept, chroma cut to fit sRGB). */
export function shiftLightness(hex: string, delta: number): string {
  const colour = hexToOklch(hex);
  return oklchToHex({ ...colour, l: colour.l + delta });
}
