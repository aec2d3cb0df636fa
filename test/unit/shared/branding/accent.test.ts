import { describe, expect, it } from 'vitest';
import { ACCENT_SURFACES, deriveAccent, type AccentShades } from '../../../../src/shared/branding/accent.ts';
import { contrastRatio, toHex } from '../../../../src/shared/branding/colour.ts';

function expectReadable(shades: AccentShades, theme: 'light' | 'dark'): void {
  const { canvas, subtle } = ACCENT_SURFACES[theme];
  for (const shade of [shades.rest, shades.hovered, shades.pressed]) {
    expect(contrastRatio(shade, canvas), `${shade} on ${canvas}`).toBeGreaterThanOrEqual(4.5);
  }
  expect(contrastRatio(shades.rest, subtle), `${shades.rest} on ${subtle}`).toBeGreaterThanOrEqual(3);
}

describe('deriveAccent (docs/design-system.md §5)', () => {
  it('keeps the organisation’s light colour and darkens it for hover and press', () => {
    const result = deriveAccent('#000091');
    if (!result.ok) throw new Error(result.reason);
    expect(result.light.rest).toBe('#000091');
    expect(contrastRatio(result.light.rest, '#ffffff')).toBeCloseTo(14.91, 2);
    expect(contrastRatio(result.light.hovered, '#ffffff')).toBeGreaterThan(14.91);
    expect(contrastRatio(result.light.pressed, '#ffffff')).toBeGreaterThan(contrastRatio(result.light.hovered, '#ffffff'));
  });

  it.each([
    ['#000091 (Bleu France)', '#000091'],
    ['#1f3fbf (Relais’s logo blue)', '#1f3fbf'],
    ['#e1000f (Rouge Marianne)', '#e1000f'],
  ])('derives a readable dark accent from %s, lighter and of the same hue', (_name, accent) => {
    const result = deriveAccent(accent);
    if (!result.ok) throw new Error(result.reason);
    expectReadable(result.light, 'light');
    expectReadable(result.dark, 'dark');
    expect(result.dark.rest).not.toBe(accent);
    // The first shade that passes, so not much above the threshold.
    expect(contrastRatio(result.dark.rest, '#101317')).toBeLessThan(5.2);
    expect(contrastRatio(result.dark.hovered, '#101317')).toBeGreaterThan(contrastRatio(result.dark.rest, '#101317'));
  });

  it('uses the dark accent the organisation gives', () => {
    const result = deriveAccent('#000091', '#8585F6');
    expect(result).toMatchObject({ ok: true, dark: { rest: '#8585f6' } });
    expect(contrastRatio('#8585f6', '#101317')).toBeCloseTo(5.93, 2);
  });

  it('refuses a light accent below 4.5:1 and suggests the nearest passing shade', () => {
    expect(deriveAccent('#6a6af4')).toEqual({
      ok: false,
      theme: 'light',
      reason: '#6a6af4 has 4.22:1 contrast on the light background (#ffffff); text needs 4.5:1',
      suggestion: '#6564ed',
    });
    const yellow = deriveAccent('#ffd23f');
    expect(yellow).toMatchObject({ ok: false, theme: 'light', reason: expect.stringContaining('1.44:1') as string });
    const suggestion = !yellow.ok ? yellow.suggestion : undefined;
    expect(suggestion).toBeDefined();
    expect(deriveAccent(suggestion!).ok).toBe(true);
  });

  it('refuses a dark accent that does not read on the dark background', () => {
    const result = deriveAccent('#000091', '#3030a0');
    expect(result).toMatchObject({ ok: false, theme: 'dark', reason: expect.stringContaining('dark background') as string });
    if (result.ok) return;
    expect(deriveAccent('#000091', result.suggestion)).toMatchObject({ ok: true });
  });

  it('refuses what is not #rrggbb', () => {
    for (const [accent, dark, theme] of [
      ['blue', undefined, 'light'],
      ['#00f', undefined, 'light'],
      ['#000091', 'rgb(1,2,3)', 'dark'],
    ] as const) {
      expect(deriveAccent(accent, dark)).toMatchObject({
        ok: false,
        theme,
        reason: expect.stringContaining('#rrggbb') as string,
      });
    }
  });

  it('never accepts a colour that fails a check (property, 600 pseudo-random colours)', () => {
    // A fixed linear congruential generator: the same colours on every run.
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let accepted = 0;
    for (let i = 0; i < 600; i += 1) {
      const accent = toHex({ r: next(), g: next(), b: next() });
      const dark = i % 3 === 0 ? toHex({ r: next(), g: next(), b: next() }) : undefined;
      const result = deriveAccent(accent, dark);
      if (!result.ok) {
        if (result.suggestion !== undefined) {
          const retried =
            result.theme === 'light' ? deriveAccent(result.suggestion, dark) : deriveAccent(accent, result.suggestion);
          // A suggestion fixes the theme it was made for.
          expect(retried.ok || retried.theme !== result.theme, `${accent} ${dark ?? ''}`).toBe(true);
        }
        continue;
      }
      accepted += 1;
      expect(result.light.rest).toBe(accent);
      expectReadable(result.light, 'light');
      expectReadable(result.dark, 'dark');
    }
    expect(accepted).toBeGreaterThan(50);
  });
});
