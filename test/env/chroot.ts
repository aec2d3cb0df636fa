// Locates the Debian-unstable chroot that provision-system.sh builds (Synapse, mediasoup-worker).
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

export const ENV_CACHE_ROOT = process.env.RELAIS_ENV_CACHE ?? '/var/cache/relais-env';

export function findChroot(): string {
  const current = path.join(ENV_CACHE_ROOT, 'current');
  if (!existsSync(path.join(current, '.relais-ready'))) {
    throw new Error(`The test environment is not provisioned (${current} missing). Run \`npm run setup\` as root first.`);
  }
  return realpathSync(current);
}
