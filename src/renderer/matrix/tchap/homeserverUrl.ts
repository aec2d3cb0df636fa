// Maps the server name a Tchap info server answers ("agent.tchap.gouv.fr") to the base URL of its
// client API. The template is configurable so that a test (or a private deployment) can point the
// same names at other hosts; the default is Tchap's own layout, https://matrix.{hs}.
import { HS_PLACEHOLDER } from '../../app/appConfigSchema.ts';
import { baseUrlString, parseHomeserverInput } from '../homeserver.ts';

// A DNS name (or IPv4 address) with an optional port: the answer must not be able to smuggle a
// path, credentials or a different scheme into the URL we then send the password to.
const SERVER_NAME =
  /^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/i;

export function isServerName(candidate: string): boolean {
  return SERVER_NAME.test(candidate);
}

/** The client-API base URL for a Tchap server name, or null when the name or the result is unsafe. */
export function tchapHomeserverUrl(template: string, serverName: string): string | null {
  if (!isServerName(serverName) || !template.includes(HS_PLACEHOLDER)) return null;
  const filled = template.replace(HS_PLACEHOLDER, serverName.toLowerCase());
  // Same rules as a typed homeserver: TLS, except for a server on this machine.
  if (!/^https?:\/\//i.test(filled)) return null;
  const parsed = parseHomeserverInput(filled);
  return parsed ? baseUrlString(parsed) : null;
}
