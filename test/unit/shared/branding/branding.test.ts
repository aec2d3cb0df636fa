import { describe, expect, it } from 'vitest';
import { brandingFor, managedBrandingSchema, NO_BRANDING } from '../../../../src/shared/branding/branding.ts';

const values = { organisationName: null, logo: null, accentColor: null, accentColorDark: null, theme: 'compound' } as const;

describe('brandingFor', () => {
  it('is no branding when nothing is set', () => {
    expect(brandingFor(values, null)).toEqual({ branding: NO_BRANDING, problems: [] });
  });

  it('passes the name, the logo, the accent shades and the theme on', () => {
    const { branding, problems } = brandingFor(
      { ...values, organisationName: 'DINUM', accentColor: '#000091', accentColorDark: '#8585f6', theme: 'dsfr' },
      { ok: true, dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
    );
    expect(problems).toEqual([]);
    expect(branding).toMatchObject({
      organisationName: 'DINUM',
      logo: 'data:image/png;base64,iVBORw0KGgo=',
      accent: { light: { rest: '#000091' }, dark: { rest: '#8585f6' } },
      theme: 'dsfr',
    });
    expect(managedBrandingSchema.safeParse(branding).success).toBe(true);
  });

  it('leaves out a refused accent or an unusable logo, naming the key and the reason', () => {
    const { branding, problems } = brandingFor(
      { ...values, accentColor: '#000091', accentColorDark: '#20205a' },
      { ok: false, problem: '/logo.gif is neither a PNG image nor an SVG document' },
    );
    expect(branding).toEqual(NO_BRANDING);
    expect(problems).toEqual([
      expect.stringMatching(/^branding\.accentColorDark refused, Relais keeps its own accent: #20205a has .* dark background/),
      'branding.logo left out: /logo.gif is neither a PNG image nor an SVG document',
    ]);
    expect(brandingFor({ ...values, accentColorDark: '#8585f6' }, null).problems).toEqual([
      'branding.accentColorDark is ignored without branding.accentColor',
    ]);
  });

  it('lets only PNG and SVG data: URLs cross IPC', () => {
    const logo = (url: string) => managedBrandingSchema.safeParse({ ...NO_BRANDING, logo: url }).success;
    expect(logo('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=')).toBe(true);
    expect(logo('data:text/html;base64,PHN2Zz48L3N2Zz4=')).toBe(false);
    expect(logo('https://example.org/logo.png')).toBe(false);
    expect(logo('data:image/png;base64,abc"onerror=1')).toBe(false);
  });
});
