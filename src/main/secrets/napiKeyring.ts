// The real keychain, through @napi-rs/keyring. On Linux the entry is pinned to the Secret Service:
// unpinned, the library silently falls back to the kernel keyutils store, which is memory that does
// not survive a reboot — that must count as "no keychain", not as one.
import { AsyncEntry } from '@napi-rs/keyring';
import type { EntryFactory } from './keyringSecretStore.ts';

export function napiEntryFactory(platform: NodeJS.Platform): EntryFactory {
  const options = platform === 'linux' || platform === 'freebsd' ? { linux: { store: 'secret-service' as const } } : undefined;
  return (service, account) => new AsyncEntry(service, account, options);
}
