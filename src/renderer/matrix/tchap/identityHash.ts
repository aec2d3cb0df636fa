// The identity service's v2 hashed lookup (Matrix identity service API, "Lookup" section): the server
// never sees the address in clear, only sha256("<address> <medium> <pepper>") encoded as unpadded
// URL-safe base64. The pepper is the server's, so a hash cannot be reused against another server.

/** The medium we look up; Tchap finds people by e-mail only. */
export type LookupMedium = 'email';

/** Unpadded URL-safe base64, the encoding the identity service API uses for hashes. */
export function base64UrlUnpadded(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The string the spec hashes; e-mail addresses are lower-cased first, as identity servers store them. */
export function lookupInput(address: string, medium: LookupMedium, pepper: string): string {
  return `${address.trim().toLowerCase()} ${medium} ${pepper}`;
}

export async function lookupHash(address: string, medium: LookupMedium, pepper: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(lookupInput(address, medium, pepper)));
  return base64UrlUnpadded(new Uint8Array(digest));
}
