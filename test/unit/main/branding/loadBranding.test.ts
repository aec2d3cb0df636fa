import { describe, expect, it } from 'vitest';
import { loadBranding } from '../../../../src/main/branding/loadBranding.ts';
import type { LogoFileSystem } from '../../../../src/main/branding/logoFile.ts';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { NO_BRANDING } from '../../../../src/shared/branding/branding.ts';
import { fakeFs, json } from '../../support/policyFakes.ts';

const linux = { pathStyle: 'posix', policyDirectory: '/etc/relais' } as const;
const policy = (document: unknown) => loadPolicy(linux, { fs: fakeFs({ '/etc/relais/policy.json': json(document) }) });
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
const logoFs: LogoFileSystem = { stat: () => ({ size: SVG.byteLength, isFile: true }), read: () => SVG };

describe('loadBranding', () => {
  it('reads the logo and checks the accent of a valid policy', () => {
    const loaded = policy({
      policyVersion: 1,
      branding: {
        organisationName: 'Ministère de l’Exemple',
        logo: '/usr/share/relais/logo.svg',
        accentColor: '#000091',
        theme: 'dsfr',
      },
    });
    const { branding, problems } = loadBranding(loaded, logoFs);
    expect(problems).toEqual([]);
    expect(branding).toMatchObject({
      organisationName: 'Ministère de l’Exemple',
      logo: expect.stringMatching(/^data:image\/svg\+xml;base64,/) as string,
      accent: { light: { rest: '#000091' } },
      theme: 'dsfr',
    });
  });

  it('has no branding without a valid policy (none, or safe mode)', () => {
    expect(loadBranding(loadPolicy(linux, { fs: fakeFs({}) }), logoFs)).toEqual({ branding: NO_BRANDING, problems: [] });
    const broken = loadPolicy(linux, { fs: fakeFs({ '/etc/relais/policy.json': '{' }) });
    expect(loadBranding(broken, logoFs)).toEqual({ branding: NO_BRANDING, problems: [] });
  });

  it('keeps the policy valid when the accent is refused, and says why', () => {
    const loaded = policy({ policyVersion: 1, branding: { organisationName: 'DINUM', accentColor: '#ffd23f' } });
    expect(loaded.status).toBe('valid');
    const { branding, problems } = loadBranding(loaded, logoFs);
    expect(branding).toEqual({ ...NO_BRANDING, organisationName: 'DINUM' });
    expect(problems).toEqual([
      expect.stringMatching(/^branding\.accentColor refused, .*1\.44:1.*nearest colour that passes is #/),
    ]);
  });

  it('rejects a badly written colour as any other schema error (safe mode)', () => {
    expect(policy({ policyVersion: 1, branding: { accentColor: 'blue' } }).status).toBe('invalid');
    expect(policy({ policyVersion: 1, branding: { theme: 'marianne' } }).status).toBe('invalid');
    expect(policy({ policyVersion: 1, branding: { logo: 'logo.svg' } }).status).toBe('invalid');
  });
});
