// Organisation branding as the renderer receives it with the managed settings: the name, the logo
// already read and checked by main (a data: URL), the accent shades that passed WCAG, and the theme.
// Built here from the policy's values so that main, the web build and tests share one rule, and
// checked against this schema on both sides of IPC like every other managed setting.
import { z } from 'zod';
import { deriveAccent } from './accent.ts';
import type { EffectiveSettings } from '../policy/settings.ts';

const hex = z.string().regex(/^#[0-9a-f]{6}$/);
const shades = z.strictObject({ rest: hex, hovered: hex, pressed: hex });

/** 256 KB of file as base64, plus the data: prefix. */
export const LOGO_MAX_BYTES = 256 * 1024;
const LOGO_DATA_URL_MAX = Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 64;

export const LOGO_DATA_URL = /^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

export const managedBrandingSchema = z.strictObject({
  organisationName: z.string().min(1).max(80).nullable(),
  logo: z.string().max(LOGO_DATA_URL_MAX).regex(LOGO_DATA_URL).nullable(),
  /** null: Compound's own accent (none set, or the one set was refused). */
  accent: z.strictObject({ light: shades, dark: shades }).nullable(),
  theme: z.enum(['compound', 'dsfr']),
});
export type ManagedBranding = z.output<typeof managedBrandingSchema>;
export type BrandingTheme = ManagedBranding['theme'];

export const NO_BRANDING: ManagedBranding = { organisationName: null, logo: null, accent: null, theme: 'compound' };

/** The logo file as main found it: a data: URL, or why there is none. */
export type LogoOutcome = { ok: true; dataUrl: string } | { ok: false; problem: string };

export interface BrandingVerdict {
  branding: ManagedBranding;
  /** For `relais --print-policy` and the log: what was left out, and why. The rest still applies. */
  problems: string[];
}

/**
 * What the renderer shows for these policy values. A refused accent or an unusable logo is left
 * out (Relais keeps its own look) rather than making the whole policy invalid: branding must never
 * stop people from working.
 */
export function brandingFor(values: EffectiveSettings['branding'], logo: LogoOutcome | null): BrandingVerdict {
  const problems: string[] = [];
  let accent: ManagedBranding['accent'] = null;
  if (values.accentColor !== null) {
    const result = deriveAccent(values.accentColor, values.accentColorDark ?? undefined);
    if (result.ok) {
      accent = { light: result.light, dark: result.dark };
    } else {
      const key = result.theme === 'dark' && values.accentColorDark !== null ? 'accentColorDark' : 'accentColor';
      const hint = result.suggestion === undefined ? '' : `; the nearest colour that passes is ${result.suggestion}`;
      problems.push(`branding.${key} refused, Relais keeps its own accent: ${result.reason}${hint}`);
    }
  } else if (values.accentColorDark !== null) {
    problems.push('branding.accentColorDark is ignored without branding.accentColor');
  }
  if (logo && !logo.ok) problems.push(`branding.logo left out: ${logo.problem}`);
  return {
    branding: {
      organisationName: values.organisationName,
      logo: logo?.ok === true ? logo.dataUrl : null,
      accent,
      theme: values.theme,
    },
    problems,
  };
}
