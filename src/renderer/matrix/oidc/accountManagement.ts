// Where a delegated-auth account is managed: the issuer's account_management_uri from the
// homeserver's auth metadata (MSC2965/MSC4191). Only an https page (or one on loopback, for local
// test servers) is offered: the URL comes from the server and is opened outside the app.
import type { ValidatedAuthMetadata } from 'matrix-js-sdk';
import { isLoopbackHost } from '../../../shared/policy/hosts.ts';

export interface AccountPage {
  url: string;
  /** The sign-in service's host, as the hint names it. */
  issuerHost: string;
}

function openable(text: string | undefined): URL | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    if (url.username || url.password) return null;
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url;
    return null;
  } catch {
    return null;
  }
}

/** The account page, or null: no delegated auth (a 404), no such page, or one Relais will not open. */
export async function accountManagementPage(metadata: () => Promise<ValidatedAuthMetadata>): Promise<AccountPage | null> {
  const found = await metadata().catch(() => null);
  const page = openable(found?.account_management_uri);
  if (!found || !page) return null;
  const issuer = openable(found.issuer);
  return { url: page.href, issuerHost: issuer?.host ?? page.host };
}
