import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  fitToGamut,
  hexToOklch,
  isHexColour,
  lightnessSteps,
  oklchToHex,
  parseHex,
  shiftLightness,
  toHex,
} from '../../../../src/shared/branding/colour.ts';

describe('colour', () => {
  it('reads and writes #rrggbb only', () => {
    expect(isHexColour('#00AAff')).toBe(true);
    for (const text of ['#fff', '00aaff', '#00aaffcc', 'blue', '#00aafg', ' #00aaff'])
      expect(isHexColour(text), text).toBe(false);
    expect(parseHex('#fff')).toBeNull();
    expect(toHex(parseHex('#1F3FBF')!)).toBe('#1f3fbf');
  });

  it('computes WCAG 2 contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#000091', '#ffffff')).toBeCloseTo(14.91, 2);
    expect(contrastRatio('#ffffff', '#767676')).toBeCloseTo(4.54, 2);
  });

  it('converts to OKLCH and back without drift', () => {
    for (const hex of ['#000091', '#1f3fbf', '#e1000f', '#ffd23f', '#808080', '#ffffff', '#000000']) {
      expect(oklchToHex(hexToOklch(hex)), hex).toBe(hex);
    }
    expect(hexToOklch('#ffffff').l).toBeCloseTo(1, 4);
    // Reference value for pure sRGB red (Ottosson): L 0.628, C 0.258, h 29.2°.
    const red = hexToOklch('#ff0000');
    expect([red.l, red.c, red.h]).toEqual([expect.closeTo(0.628, 3), expect.closeTo(0.258, 3), expect.closeTo(29.23, 1)]);
  });

  it('cuts chroma, keeping hue and lightness, to fit sRGB', () => {
    const fitted = fitToGamut({ l: 0.9, c: 0.4, h: 264 });
    expect(fitted.l).toBe(0.9);
    expect(fitted.h).toBe(264);
    expect(fitted.c).toBeLessThan(0.4);
    expect(fitToGamut({ l: 1.3, c: 0, h: 0 }).l).toBe(1);
  });

  it('moves lightness one way, step by step', () => {
    expect(hexToOklch(shiftLightness('#1f3fbf', -0.05)).l).toBeCloseTo(hexToOklch('#1f3fbf').l - 0.05, 2);
    const steps = lightnessSteps('#000091', 0.02, 10).map((hex) => hexToOklch(hex).l);
    expect(steps).toHaveLength(10);
    for (let i = 1; i < steps.length; i += 1) expect(steps[i]!).toBeGreaterThan(steps[i - 1]!);
  });
});
