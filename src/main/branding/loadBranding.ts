// Branding from the machine policy as main applies it: the policy's values with the logo file read.
// Done once at start-up (main.ts) and by `relais --print-policy`, so both report the same problems.
import { brandingFor, NO_BRANDING, type BrandingVerdict } from '../../shared/branding/branding.ts';
import { resolveSettings } from '../../shared/policy/resolve.ts';
import type { LoadedPolicy } from '../../shared/policy/types.ts';
import { nodeLogoFileSystem, readLogo, type LogoFileSystem } from './logoFile.ts';

export function loadBranding(loaded: LoadedPolicy, fs: LogoFileSystem = nodeLogoFileSystem): BrandingVerdict {
  // Safe mode shows only the explanation: no organisation look on a policy nobody can trust.
  if (loaded.status !== 'valid') return { branding: NO_BRANDING, problems: [] };
  const values = resolveSettings(loaded, {}).values.branding;
  return brandingFor(values, values.logo === null ? null : readLogo(values.logo, fs));
}
