import { describe, expect, it } from 'vitest';
import { withThemeClass } from '../../../../src/renderer/app/themeClass.ts';

describe('theme class on <html>', () => {
  it('adds the chosen theme and keeps the other classes', () => {
    expect(withThemeClass('', 'dark')).toBe('cpd-theme-dark');
    expect(withThemeClass('js-focus  busy', 'light-hc')).toBe('js-focus busy cpd-theme-light-hc');
  });

  it('replaces a previous theme rather than stacking two', () => {
    expect(withThemeClass('busy cpd-theme-dark', 'light')).toBe('busy cpd-theme-light');
  });

  it('removes every theme class to follow the system again', () => {
    expect(withThemeClass('cpd-theme-dark-hc busy', null)).toBe('busy');
  });
});
