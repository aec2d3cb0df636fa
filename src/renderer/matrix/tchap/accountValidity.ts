// Expired accounts (Tchap's synapse-email-account-validity module): the homeserver still signs the
// user in, then answers every request with 403 ORG_MATRIX_EXPIRED_ACCOUNT, except the one that
// mails a renewal link (and logout). The renewal itself happens in the e-mail, outside the app.
import { rendererLogger } from '../../platform/log.ts';

export const EXPIRED_ACCOUNT_ERRCODE = 'ORG_MATRIX_EXPIRED_ACCOUNT';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export type AccountValidity = 'valid' | 'expired' | 'unknown';

/** Asks whoami with the new token: the cheapest request that account validity applies to. */
export async function checkAccountValidity(
  baseUrl: string,
  accessToken: string,
  fetchFn: Fetch,
  timeoutMs: number,
): Promise<AccountValidity> {
  try {
    const response = await fetchFn(`${baseUrl}/_matrix/client/v3/account/whoami`, {
      headers: { Authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) return 'valid';
    if (response.status !== 403) return 'unknown';
    const body: unknown = await response.json();
    return (body as { errcode?: unknown } | null)?.errcode === EXPIRED_ACCOUNT_ERRCODE ? 'expired' : 'unknown';
  } catch (error) {
    rendererLogger('tchap').swallow('checking the account validity', 'info')(error);
    return 'unknown';
  }
}

/** Asks the homeserver to e-mail a renewal link to the address on the account. */
export async function requestRenewalEmail(
  baseUrl: string,
  accessToken: string,
  fetchFn: Fetch,
  timeoutMs: number,
): Promise<boolean> {
  try {
    const response = await fetchFn(`${baseUrl}/_matrix/client/unstable/account_validity/send_mail`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok;
  } catch (error) {
    rendererLogger('tchap').swallow('asking for a renewal email')(error);
    return false;
  }
}
