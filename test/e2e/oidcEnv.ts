// The delegated homeserver of the native OIDC specs (issue 21): Synapse in MAS mode and the test
// issuer, on ports of their own (RELAIS_TEST_OIDC_PORT and the next one) beside the shared Synapse.
import type { Page } from '@playwright/test';
import { startDelegatedHomeserver, type DelegatedHomeserver } from '../env/delegatedSynapse.ts';
import type { OidcIssuerOptions } from '../env/oidcIssuer.ts';

export const OIDC_BASE_PORT = Number(process.env.RELAIS_TEST_OIDC_PORT ?? 18108);

export function startTestDelegatedHomeserver(issuer?: Omit<OidcIssuerOptions, 'port'>): Promise<DelegatedHomeserver> {
  return startDelegatedHomeserver({ synapsePort: OIDC_BASE_PORT, issuerPort: OIDC_BASE_PORT + 1, issuer });
}

/** Signs in on the issuer's own page (the "system browser" of the web build). */
export async function signInAtIssuer(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Username' }).fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Continue' }).click();
}
