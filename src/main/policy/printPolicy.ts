// The text of `relais --print-policy`: what this machine's policy makes Relais do and where each
// value comes from, so an administrator can check a rollout without reading every file. It shows
// the values before any user's own choices (those live in each user's profile).
import type { BrandingVerdict, ManagedBranding } from '../../shared/branding/branding.ts';
import { loadBranding } from '../branding/loadBranding.ts';
import { effectiveEgress, egressFilterFor } from '../../shared/policy/egress.ts';
import { formatProblemsForLog } from './problems.ts';
import { resolveSettings, type ResolvedSetting } from '../../shared/policy/resolve.ts';
import { POLICY_VERSION } from '../../shared/policy/schema.ts';
import { SETTING_KEYS } from '../../shared/policy/settings.ts';
import { describeOrigin, type LoadedPolicy } from '../../shared/policy/types.ts';

/** TURN passwords are readable in the file by local users, but should not travel in support tickets. */
function showValue(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => (key === 'credential' ? '(hidden)' : inner));
}

function describeSource(setting: ResolvedSetting): string {
  const from = setting.origins.map(describeOrigin).join(', ');
  switch (setting.lockKind) {
    case 'policy':
      return `mandatory, from ${from}`;
    case 'homeserversFixed': {
      const reason = setting.lockReason ?? '';
      return from === '' || reason.includes(from) ? `locked: ${reason}` : `locked: ${reason}; value from ${from}`;
    }
    case 'adminOnly':
      return 'built-in default (only machine policy can set this)';
    case 'safeMode':
      return 'built-in default, locked (safe mode)';
    case undefined:
      return setting.source === 'policy' ? `recommended (users may change), from ${from}` : 'built-in default (users may change)';
  }
}

function list(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [title, ...lines.map((line) => `  ${line}`)];
}

function describeBranding({ branding, problems }: BrandingVerdict): string[] {
  const shades = (accent: NonNullable<ManagedBranding['accent']>['light']) =>
    `${accent.rest} (hovered ${accent.hovered}, pressed ${accent.pressed})`;
  const lines = [
    ...(branding.organisationName === null ? [] : [`Organisation name: ${branding.organisationName}`]),
    ...(branding.logo === null ? [] : [`Logo: shown (${branding.logo.slice(5, branding.logo.indexOf(';'))})`]),
    ...(branding.accent === null
      ? []
      : [`Accent, light theme: ${shades(branding.accent.light)}`, `Accent, dark theme: ${shades(branding.accent.dark)}`]),
    ...(branding.theme === 'compound' ? [] : [`Theme: ${branding.theme}`]),
    ...problems.map((problem) => `PROBLEM: ${problem}`),
  ];
  return list('Branding (never in high-contrast themes):', lines);
}

/** `branding` is read from the policy (the logo file included) unless given. */
export function printPolicy(
  loaded: LoadedPolicy,
  now: Date = new Date(),
  branding: BrandingVerdict = loadBranding(loaded),
): string {
  const out: string[] = ['Relais machine policy'];
  switch (loaded.status) {
    case 'none':
      out.push('Status: none. No machine policy found: Relais runs unmanaged (users choose their servers, no host allowlist).');
      break;
    case 'invalid':
      out.push('Status: INVALID. Relais starts in safe mode and connects to no server.');
      break;
    case 'valid':
      out.push(`Status: valid (managed install), policyVersion ${POLICY_VERSION}.`);
      break;
  }
  out.push(...list('Looked in (lowest precedence first):', loaded.searched));
  out.push(...list('Read (lowest precedence first; later ones win):', loaded.sources));
  if (loaded.status === 'invalid') {
    out.push(formatProblemsForLog(loaded.problems));
  } else {
    const resolved = resolveSettings(loaded, {});
    out.push('Effective settings (before any user’s own choices):');
    for (const key of SETTING_KEYS) {
      const setting = resolved.settings[key];
      out.push(`  ${key} = ${showValue(setting.value)}`, `      ${describeSource(setting)}`);
    }
    const egress = effectiveEgress(loaded, { now });
    if (egress.mode === 'unmanaged') {
      out.push('Network access: any host (no machine policy).');
    } else {
      const hosts = egressFilterFor(egress).allowedHosts.map(
        (h) => `${h.host}:${h.port} (${h.schemes.map((s) => s.slice(0, -1)).join(', ')})  ${h.purposes.join(', ')}`,
      );
      out.push(...(hosts.length === 0 ? ['Network access: no host is allowed.'] : list('Network access allowed to:', hosts)));
    }
    out.push(...describeBranding(branding));
  }
  out.push(...list('Notices:', loaded.notices));
  return `${out.join('\n')}\n`;
}
