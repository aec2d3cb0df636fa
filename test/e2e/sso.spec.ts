// Single sign-on against a real Synapse of this file's own, configured for what the shared one
// lacks: a CAS identity provider (Synapse needs no extra Python package for CAS, unlike OIDC/SAML)
// and MSC3882 login tokens (POST /_matrix/client/v1/login/get_token).
// The identity provider is the one external piece that cannot run here, so a minimal CAS server
// stands in for it below: it signs whoever arrives in as one fixed user, or shows a page the user
// leaves without signing in. Synapse itself does the whole SSO exchange for real.
import { createServer as createHttpServer, type Server } from 'node:http';
import { freePort } from '../env/freePort.ts';
import { startSynapse, type SynapseHandle } from '../env/synapse.ts';
import { expect, expectAccessible, test } from './fixtures.ts';

const CAS_USER = 'marianne';

let synapse: SynapseHandle;
let cas: { url: string; server: Server; approve: boolean };

/** CAS 2.0 as Synapse uses it: /login redirects back with a ticket, /proxyValidate vouches for it. */
async function startCas(): Promise<{ url: string; server: Server; approve: boolean }> {
  const state = { approve: true };
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cas');
    if (url.pathname === '/cas/login') {
      const service = url.searchParams.get('service') ?? '';
      if (!state.approve) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html lang="en"><title>Identity provider</title><h1>Identity provider sign-in</h1></html>');
        return;
      }
      const back = new URL(service);
      back.searchParams.set('ticket', 'ST-relais-test');
      res.writeHead(302, { Location: back.href }).end();
      return;
    }
    if (url.pathname === '/cas/proxyValidate') {
      const ok = url.searchParams.get('ticket') === 'ST-relais-test';
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      res.end(
        ok
          ? `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>${CAS_USER}</cas:user></cas:authenticationSuccess></cas:serviceResponse>`
          : '<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET"/></cas:serviceResponse>',
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/cas`, server });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const webUrl = process.env.RELAIS_TEST_WEB_URL ?? '';
  cas = await startCas();
  synapse = await startSynapse({
    port: await freePort(),
    extraConfig: {
      login_via_existing_session: { enabled: true, require_ui_auth: false },
      cas_config: { enabled: true, server_url: cas.url, idp_name: 'Agent Connect' },
      // Straight back to the app with the token, without Synapse's "continue to…" page.
      sso: { client_whitelist: [webUrl] },
    },
  });
});

test.afterAll(async () => {
  await synapse.stop();
  await new Promise((resolve) => cas.server.close(resolve));
});

let tokenUsers = 0;

/**
 * A one-time login token (MSC3882), as a signed-in device would hand over. Synapse allows one such
 * request per user per minute, so each call signs in a user of its own.
 */
async function loginToken(): Promise<{ token: string; userId: string }> {
  tokenUsers += 1;
  const user = await synapse.registerUser(`theo${tokenUsers}`, 'theo-password-for-sso-tests');
  const res = await fetch(`${synapse.baseUrl}/_matrix/client/v1/login/get_token`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${user.accessToken}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`get_token: ${res.status} ${await res.text()}`);
  return { token: ((await res.json()) as { login_token: string }).login_token, userId: user.userId };
}

test.describe('single sign-on', () => {
  test('the identity provider the homeserver lists signs the user in, and no token is left behind', async ({ page, env }) => {
    cas.approve = true;
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(synapse.baseUrl)}`);
    const sso = page.getByRole('button', { name: 'Sign in with Agent Connect' });
    await expect(sso).toBeVisible();
    await expectAccessible(page);

    await sso.click();
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(`Signed in as @${CAS_USER}:localhost`)).toBeVisible();
    expect(page.url()).not.toContain('loginToken');
    expect(new URL(page.url()).searchParams.get('hs')).toBe(synapse.baseUrl);
    // Only the homeserver URL was ever noted in sessionStorage, and the note is gone.
    expect(await page.evaluate(() => sessionStorage.getItem('relais.sso.homeserver'))).toBeNull();
    await expectAccessible(page);
  });

  test('leaving the identity provider without signing in says so', async ({ page, env }) => {
    cas.approve = false;
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(synapse.baseUrl)}`);
    await page.getByRole('button', { name: 'Sign in with Agent Connect' }).click();
    await expect(page.getByRole('heading', { name: 'Identity provider sign-in' })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('alert')).toHaveText(
      'Single sign-on was not completed. Try again, or sign in with your password.',
    );
    await expect(page.getByRole('button', { name: 'Sign in with Agent Connect' })).toBeEnabled();
    await expectAccessible(page);
    cas.approve = true;
  });

  test('a login token in the page URL signs in once the user confirms the homeserver', async ({ page, env }) => {
    const { token, userId } = await loginToken();
    await page.goto(`${env.webUrl}?loginToken=${encodeURIComponent(token)}&hs=${encodeURIComponent(synapse.baseUrl)}`);
    await expect(page.getByRole('heading', { name: 'Finish signing in?' })).toBeVisible();
    await expect(page.getByText(`A sign-in link for ${synapse.baseUrl} opened Relais.`)).toBeVisible();
    // The token leaves the address bar (and so the history) before anything else happens.
    expect(page.url()).not.toContain('loginToken');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(`Signed in as ${userId}`)).toBeVisible();
  });

  test('a used login token gets a clear message and the normal form', async ({ page, env }) => {
    const { token } = await loginToken();
    const spend = await fetch(`${synapse.baseUrl}/_matrix/client/v3/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'm.login.token', token }),
    });
    expect(spend.ok).toBe(true);
    await page.goto(`${env.webUrl}?loginToken=${encodeURIComponent(token)}&hs=${encodeURIComponent(synapse.baseUrl)}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Single sign-on could not be completed: the sign-in link has expired or was already used. Sign in again.',
    );
    await expect(page.getByRole('textbox', { name: 'Username' })).toBeVisible();
    await expectAccessible(page);
  });

  test('declining an unexpected sign-in link leaves the user on the sign-in form', async ({ page, env }) => {
    const { token } = await loginToken();
    await page.goto(`${env.webUrl}?loginToken=${encodeURIComponent(token)}&hs=${encodeURIComponent(synapse.baseUrl)}`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('textbox', { name: 'Username' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Homeserver' })).toHaveValue(synapse.baseUrl);
  });

  test('a homeserver without SSO shows no SSO button', async ({ page, env }) => {
    // Wait for the login-flow answer before asserting the button's absence.
    const flows = page.waitForResponse((response) => response.url().endsWith('/_matrix/client/v3/login'));
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
    await flows;
    await expect(page.getByRole('textbox', { name: 'Username' })).toBeVisible();
    await expect(page.getByRole('button', { name: /single sign-on|Sign in with/ })).toHaveCount(0);
  });
});
