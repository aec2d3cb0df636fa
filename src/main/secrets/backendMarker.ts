// Records which keychain backend holds Relais's secrets, in a small JSON file in the profile.
// It holds no secret: only the backend's name and when it was first used.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeychainBackend } from './secretStore.ts';
import type { BackendMarker } from './openSecretStore.ts';

const BACKENDS: readonly KeychainBackend[] = ['secret-service', 'keychain', 'windows-credential-manager', 'none'];

export function fileBackendMarker(filePath: string): BackendMarker {
  return {
    async read() {
      let raw: string;
      try {
        raw = await readFile(filePath, 'utf8');
      } catch {
        return null;
      }
      try {
        const backend = (JSON.parse(raw) as { backend?: unknown }).backend;
        return BACKENDS.find((b) => b === backend) ?? null;
      } catch {
        return null;
      }
    },
    async write(backend) {
      await mkdir(path.dirname(filePath), { recursive: true });
      await writeFile(filePath, `${JSON.stringify({ backend, recordedAt: new Date().toISOString() })}\n`, { mode: 0o600 });
    },
  };
}
