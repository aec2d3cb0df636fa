// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  ACCENT_TOKENS,
  accentProperties,
  appearanceOf,
  applyBranding,
  themeClasses,
} from '../../../../src/renderer/app/brandingStyle.ts';
import { NO_BRANDING, type ManagedBranding } from '../../../../src/shared/branding/branding.ts';

const system = { dark: false, moreContrast: false, forcedColors: false };
const accent: NonNullable<ManagedBranding['accent']> = {
  light: { rest: '#000091', hovered: '#000f64', pressed: '#000848' },
  dark: { rest: '#8585f6', hovered: '#9597ff', pressed: '#a6aaff' },
};

describe('appearanceOf', () => {
  it('follows the user’s theme, else the system', () => {
    expect(appearanceOf('dark', system)).toBe('dark');
    expect(appearanceOf('light', { ...system, dark: true })).toBe('light');
    expect(appearanceOf('light-hc', system)).toBe('high-contrast');
    expect(appearanceOf('dark-hc', system)).toBe('high-contrast');
    expect(appearanceOf(null, system)).toBe('light');
    expect(appearanceOf(null, { ...system, dark: true })).toBe('dark');
    expect(appearanceOf(null, { ...system, dark: true, moreContrast: true })).toBe('high-contrast');
    expect(appearanceOf(null, { ...system, forcedColors: true })).toBe('high-contrast');
  });
});

describe('accentProperties and themeClasses', () => {
  it('give the shades of the palette in use, and nothing in high contrast', () => {
    const light = accentProperties(accent, 'light');
    expect(light.get('--cpd-color-bg-accent-rest')).toBe('#000091');
    expect(light.get('--cpd-color-bg-action-primary-hovered')).toBe('#000f64');
    expect(light.size).toBe(Object.values(ACCENT_TOKENS).flat().length);
    expect(accentProperties(accent, 'dark').get('--cpd-color-text-action-accent')).toBe('#8585f6');
    expect(accentProperties(accent, 'high-contrast').size).toBe(0);
    expect(accentProperties(null, 'light').size).toBe(0);
  });

  it('switch the DSFR palette on for dsfr only, never in high contrast', () => {
    expect(themeClasses('dsfr', 'light')).toEqual(['relais-theme-dsfr']);
    expect(themeClasses('dsfr', 'dark')).toEqual(['relais-theme-dsfr', 'relais-theme-dsfr-dark']);
    expect(themeClasses('dsfr', 'high-contrast')).toEqual([]);
    expect(themeClasses('compound', 'light')).toEqual([]);
  });
});

describe('applyBranding', () => {
  it('sets the tokens inline and the theme classes, and takes them away again, leaving other classes alone', () => {
    const root = document.createElement('html');
    root.className = 'cpd-theme-dark';
    applyBranding(root, { ...NO_BRANDING, accent, theme: 'dsfr' }, 'dark');
    expect(root.style.getPropertyValue('--cpd-color-bg-action-primary-rest')).toBe('#8585f6');
    expect(root.classList.contains('relais-theme-dsfr-dark')).toBe(true);

    applyBranding(root, { ...NO_BRANDING, accent, theme: 'dsfr' }, 'high-contrast');
    expect(root.style.getPropertyValue('--cpd-color-bg-action-primary-rest')).toBe('');
    expect(root.getAttribute('style') ?? '').toBe('');
    expect(root.className).toBe('cpd-theme-dark');

    applyBranding(root, { ...NO_BRANDING, accent }, 'light');
    expect(root.style.getPropertyValue('--cpd-color-bg-accent-pressed')).toBe('#000848');
    applyBranding(root, NO_BRANDING, 'light');
    expect(root.style.length).toBe(0);
  });
});
