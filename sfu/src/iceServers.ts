// The ICE servers each client is given: only what the configuration names (no public STUN). For a
// TURN server sharing a secret with us (coturn `use-auth-secret` + `static-auth-secret`), each peer
// gets its own time-limited credential (the "TURN REST API" scheme), so the secret never leaves the
// SFU and a leaked credential expires by itself.
import { createHmac } from 'node:crypto';
import type { IceServer } from '../../src/shared/call/index.ts';
import type { IceServerConfig } from './config.ts';

export function iceServersFor(servers: readonly IceServerConfig[], userId: string, nowMs: number): IceServer[] {
  return servers.map((server) => {
    if (server.sharedSecret) {
      const expiry = Math.floor(nowMs / 1000) + server.credentialTtlSeconds;
      const username = `${expiry}:${userId}`;
      const credential = createHmac('sha1', server.sharedSecret).update(username).digest('base64');
      return { urls: server.urls, username, credential };
    }
    const result: IceServer = { urls: server.urls };
    if (server.username !== undefined) result.username = server.username;
    if (server.credential !== undefined) result.credential = server.credential;
    return result;
  });
}
