// The SFU's application-service registration for a test homeserver (membership method `appservice`):
// random tokens, no user or alias namespace, every room non-exclusively, so the homeserver pushes
// every room event to the SFU and the SFU can act as nobody. Synapse reads it at start
// (`app_service_config_files`), so the SFU's address must be chosen before Synapse starts.
import { randomBytes } from 'node:crypto';
import { freePort } from './freePort.ts';

export interface SfuAppService {
  /** The port the SFU (or its separate AS listener) must listen on: the registration names it. */
  port: number;
  hsToken: string;
  /** The registration file's content (YAML is a superset of JSON). */
  registration: Record<string, unknown>;
}

export async function prepareSfuAppService(options: { id?: string; port?: number } = {}): Promise<SfuAppService> {
  const port = options.port ?? (await freePort());
  const id = options.id ?? `relais-sfu-${port}`;
  const hsToken = randomBytes(32).toString('hex');
  return {
    port,
    hsToken,
    registration: {
      id,
      url: `http://127.0.0.1:${port}`,
      // The SFU never uses the as_token (it only receives): it is not even given to it.
      as_token: randomBytes(32).toString('hex'),
      hs_token: hsToken,
      sender_localpart: id.replace(/[^a-z0-9._=-]/g, '-'),
      namespaces: { users: [], aliases: [], rooms: [{ exclusive: false, regex: '!.*' }] },
      rate_limited: false,
    },
  };
}
