// Tchap mode against a real Synapse: e-mail → homeserver discovery, third-party (e-mail) login,
// the server's password rules, and the expired-account dialog. Only the two Tchap-specific endpoints
// are stubbed (test/env/tchapStub.ts), in front of a Synapse of this file's own: it needs an admin
// to bind e-mail addresses to accounts and a password policy, which the shared one does not have.
// Finding people by e-mail (issue 18) goes through an identity server. There is no identity server
// package for this machine (no Sydent), so the stub also serves, on the homeserver's own host as Tchap
// does, exactly the spec endpoints the lookup uses: hash_details, lookup (sha256) and account/register,
// which checks the OpenID token with this Synapse.
import type { Page } from '@playwright/test';
import { freePort } from '../env/freePort.ts';
import { startSynapse, type SynapseHandle } from '../env/synapse.ts';
import { startTchapStub, type TchapStub } from '../env/tchapStub.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { TEST_USERS } from './testUsers.ts';

const JEANNE = { username: 'jeanne', password: 'Jeanne-Tchap-2025!', email: 'jeanne.martin@interieur.gouv.fr' };
const PAUL = { username: 'paul', password: 'Paul-Expired-2025!', email: 'paul.durand@finances.gouv.fr' };
/** Found by e-mail only: the people search of an agent in Tchap mode. */
const JULES = { username: 'jules', password: 'Jules-Tchap-2025!', email: 'jules@example.gouv.fr', name: 'Jules Ferry' };
const LEA = { username: 'lea', password: 'Lea-Expired-2025!', email: 'lea.bernard@culture.gouv.fr' };
/** Nothing listens on the discard port: a Tchap server that is down. */
const DOWN = 'http://127.0.0.1:9';

let synapse: SynapseHandle;
let stub: TchapStub;
let adminToken: string;

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${synapse.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  synapse = await startSynapse({
    port: await freePort(),
    extraConfig: {
      // Tchap's rules; Synapse then serves them at /_matrix/client/r0/password_policy.
      password_config: {
        enabled: true,
        policy: {
          enabled: true,
          minimum_length: 12,
          require_digit: true,
          require_symbol: true,
          require_lowercase: true,
          require_uppercase: true,
        },
      },
    },
  });
  adminToken = (await synapse.registerUser('tchap-admin', 'Admin-Tchap-2025!', true)).accessToken;
  for (const user of [JEANNE, PAUL, LEA]) {
    await synapse.registerUser(user.username, user.password);
    // Synapse accepts m.id.thirdparty login only for an address bound to the account.
    await admin('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(`@${user.username}:localhost`)}`, {
      threepids: [{ medium: 'email', address: user.email }],
    });
  }
  const jules = await synapse.registerUser(JULES.username, JULES.password);
  await fetch(`${synapse.baseUrl}/_matrix/client/v3/profile/${encodeURIComponent(jules.userId)}/displayname`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${jules.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ displayname: JULES.name }),
  });
  stub = await startTchapStub({
    upstream: synapse.baseUrl,
    directory: { [JEANNE.email]: 'localhost', [PAUL.email]: 'localhost', [LEA.email]: 'localhost' },
    expiredUsers: ['@paul:localhost', '@lea:localhost'],
    bindings: { [JULES.email]: '@jules:localhost' },
  });
});

test.afterAll(async () => {
  await stub.close();
  await synapse.stop();
});

/** Tchap mode: the stub answers for the directory; server names map to the stub, which fronts Synapse. */
function tchapConfig(infoServers: string[]) {
  return { tchap: { enabled: true, infoServers, homeserverUrlTemplate: `http://{hs}:${stub.port}` } };
}

async function openWithConfig(page: Page, webUrl: string, config: unknown): Promise<void> {
  await page.route('**/config.json', (route) => route.fulfill({ json: config }));
  await page.goto(webUrl);
}

async function findServer(page: Page, email: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Email address' }).fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function signInWithEmail(page: Page, user: { email: string; password: string }): Promise<void> {
  await findServer(page, user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test.describe('Tchap mode', () => {
  test('an agent signs in with an e-mail address; the server is found and its password rules shown', async ({ page, env }) => {
    // The first info server is down: discovery moves on to the next one, whatever the order.
    await openWithConfig(page, env.webUrl, tchapConfig([DOWN, stub.url]));
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Homeserver' })).toHaveCount(0);
    await expect(page.getByText('Sign in with your professional email address.')).toBeVisible();
    await expectAccessible(page);

    await findServer(page, ` ${JEANNE.email.toUpperCase()} `);
    await expect(page.getByText(`Signing in as ${JEANNE.email} on localhost.`)).toBeVisible();
    const password = page.getByRole('textbox', { name: 'Password' });
    await expect(password).toBeFocused();
    await expect(password).toHaveAccessibleDescription(
      /^Passwords on this server contain:\s*at least 12 characters\s*a lowercase letter\s*an uppercase letter\s*a digit\s*a symbol, such as ! or %$/,
    );
    expect(stub.infoRequests).toContain(JEANNE.email);
    await expectAccessible(page);

    await password.fill(JEANNE.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Signed in as @jeanne:localhost')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });
  });

  test('an unknown address and a malformed one each say what to do', async ({ page, env }) => {
    await openWithConfig(page, env.webUrl, tchapConfig([stub.url]));
    await findServer(page, 'nobody@nowhere.gouv.fr');
    await expect(page.getByRole('alert')).toHaveText(
      'No Tchap account uses this email address. Check it, or ask your IT department whether your administration uses Tchap.',
    );
    await expect(page.getByRole('alert')).toBeFocused();
    await expectAccessible(page);

    const before = stub.infoRequests.length;
    await findServer(page, 'jeanne.martin');
    await expect(page.getByRole('alert')).toHaveText(/^That is not an email address\./);
    expect(stub.infoRequests).toHaveLength(before);
    await expect(page.getByRole('textbox', { name: 'Email address' })).toHaveValue('jeanne.martin');
  });

  test('no Tchap server answering is named as such', async ({ page, env }) => {
    await openWithConfig(page, env.webUrl, tchapConfig([DOWN]));
    await findServer(page, JEANNE.email);
    await expect(page.getByRole('alert')).toHaveText(
      'No Tchap server answered. Check your network connection, then try again in a few minutes.',
    );
    await expectAccessible(page);
  });

  test('a wrong password says so, and the address can be changed', async ({ page, env }) => {
    await openWithConfig(page, env.webUrl, tchapConfig([stub.url]));
    await findServer(page, JEANNE.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('Not-The-Password-1!');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Incorrect email address or password. Check them and try again.');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Use another email address' }).click();
    await expect(page.getByRole('textbox', { name: 'Email address' })).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'Email address' })).toHaveValue(JEANNE.email);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('an expired account can ask for the renewal e-mail, and signs in once renewed', async ({ page, env }) => {
    await openWithConfig(page, env.webUrl, tchapConfig([stub.url]));
    await signInWithEmail(page, PAUL);
    const dialog = page.getByRole('dialog', { name: 'Your account has expired' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page);

    await dialog.getByRole('button', { name: 'Send me a renewal email' }).click();
    await expect(dialog.getByRole('status')).toContainText('A renewal email was sent at');
    expect(stub.renewalMails).toEqual(['@paul:localhost']);

    await dialog.getByRole('button', { name: 'I have renewed my account' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'Your account is still expired. Open the link in the renewal email first, then try again.',
    );
    await expectAccessible(page);

    stub.renew('@paul:localhost'); // what following the link in the e-mail does
    await dialog.getByRole('button', { name: 'I have renewed my account' }).click();
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Signed in as @paul:localhost')).toBeVisible();
  });

  test('closing the expired-account dialog logs the half-made session out', async ({ page, env }) => {
    // Registration itself left one device; signing in adds the browser's.
    const devices = async () =>
      ((await admin('GET', `/_synapse/admin/v2/users/${encodeURIComponent('@lea:localhost')}/devices`)) as { total: number })
        .total;
    const before = await devices();
    await openWithConfig(page, env.webUrl, tchapConfig([stub.url]));
    await signInWithEmail(page, LEA);
    const dialog = page.getByRole('dialog', { name: 'Your account has expired' });
    await expect(dialog).toBeVisible();
    expect(await devices()).toBe(before + 1);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('textbox', { name: 'Password' })).toBeVisible();
    await expect.poll(devices).toBe(before);
  });

  test('French interface', async ({ browser, env }) => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await openWithConfig(page, env.webUrl, tchapConfig([stub.url]));
    await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(JEANNE.email);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByText('au moins 12 caractères')).toBeVisible();
    await expect(page.getByText(`Connexion en tant que ${JEANNE.email} sur localhost.`)).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });
});

test.describe('finding people by e-mail', () => {
  const WORDS = {
    'en-GB': {
      email: 'Email address',
      continue: 'Continue',
      password: 'Password',
      signIn: 'Sign in',
      rooms: 'Rooms',
      newDm: 'New direct message',
      field: 'Name, email address or Matrix ID',
      results: 'People found',
      start: 'Start',
      unknown: 'No Tchap account uses nobody@example.gouv.fr yet. Check the address, or ask this person to join Tchap.',
    },
    'fr-FR': {
      email: 'Adresse e-mail',
      continue: 'Continuer',
      password: 'Mot de passe',
      signIn: 'Se connecter',
      rooms: 'Salons',
      newDm: 'Nouveau message direct',
      field: 'Nom, adresse e-mail ou identifiant Matrix',
      results: 'Personnes trouvées',
      start: 'Démarrer',
      unknown:
        'Aucun compte Tchap n’utilise encore l’adresse nobody@example.gouv.fr. Vérifiez l’adresse ou proposez à cette personne de rejoindre Tchap.',
    },
  } as const;

  for (const locale of ['en-GB', 'fr-FR'] as const) {
    test(`an address finds the colleague on the identity server and starts the conversation (${locale})`, async ({
      browser,
      env,
    }) => {
      test.setTimeout(120_000);
      const words = WORDS[locale];
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await openWithConfig(page, env.webUrl, tchapConfig([stub.url]));
      await page.getByRole('textbox', { name: words.email }).fill(JEANNE.email);
      await page.getByRole('button', { name: words.continue }).click();
      await page.getByRole('textbox', { name: words.password }).fill(JEANNE.password);
      await page.getByRole('button', { name: words.signIn, exact: true }).click();
      await expect(page.getByRole('navigation', { name: words.rooms })).toBeVisible({ timeout: 30_000 });

      const before = stub.identityRequests.length;
      await page.getByRole('button', { name: words.newDm }).click();
      const dialog = page.getByRole('dialog', { name: words.newDm });
      const field = dialog.getByRole('combobox', { name: words.field });
      await field.fill('nobody@example.gouv.fr');
      await expect(dialog.getByRole('status')).toHaveText(words.unknown);
      await expectAccessible(page);

      await field.fill(JULES.email);
      const found = dialog.getByRole('listbox', { name: words.results }).getByRole('option', { name: new RegExp(JULES.name) });
      await expect(found).toContainText('@jules:localhost');
      // The lookup went through the spec's endpoints, hashed: the address itself never left.
      expect(stub.identityRequests.slice(before)).toEqual(expect.arrayContaining(['GET hash_details', 'POST lookup']));
      await field.press('Enter');
      await dialog.getByRole('button', { name: words.start }).click();
      await expect(dialog).toBeHidden({ timeout: 30_000 });
      await expect(page).toHaveURL(/#\/room\/!/);
      const roomId = decodeURIComponent(/#\/room\/([^/]+)/.exec(page.url())?.[1] ?? '');
      const state = (await admin('GET', `/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/state`)) as {
        state: { type: string; state_key: string; content: { membership?: string } }[];
      };
      const invite = state.state.find((e) => e.type === 'm.room.member' && e.state_key === '@jules:localhost');
      expect(invite?.content.membership).toBe('invite');
      await context.close();
    });
  }

  test('outside Tchap mode an address is not looked up on any identity server', async ({ page, env }) => {
    const identity: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/_matrix/identity/')) identity.push(request.url());
    });
    await openWithConfig(page, env.webUrl, { defaultHomeserver: stub.url, allowCustomHomeserver: false });
    await page.getByRole('textbox', { name: 'Username' }).fill(JEANNE.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(JEANNE.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    const before = stub.identityRequests.length;
    await page.getByRole('button', { name: 'New direct message' }).click();
    const dialog = page.getByRole('dialog', { name: 'New direct message' });
    await dialog.getByRole('combobox', { name: 'Name or Matrix ID' }).fill(JULES.email);
    // The directory is searched by name instead, and the answer has come back.
    await expect(dialog.getByRole('status')).toContainText('No one found');
    expect(identity).toEqual([]);
    expect(stub.identityRequests.length).toBe(before);
  });
});

test.describe('app configuration', () => {
  test('an invalid config.json is explained on the sign-in screen, and nothing connects', async ({ page, env }) => {
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    await openWithConfig(page, env.webUrl, {
      tchap: { enabled: true, infoServers: ['http://tchap.example.org'] },
      colour: 'blue',
    });
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Relais is not configured correctly.');
    const details = page.getByRole('list', { name: 'Configuration errors' });
    await expect(details).toContainText('tchap.infoServers.0: must start with https:// (plain http:// only for localhost)');
    await expect(details).toContainText('colour');
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expectAccessible(page);
    expect([...origins]).toEqual([new URL(env.webUrl).origin]);
  });

  test('a homeserver fixed by the configuration is shown, not asked for', async ({ page, env }) => {
    await openWithConfig(page, env.webUrl, { defaultHomeserver: env.homeserver, allowCustomHomeserver: false });
    await expect(page.getByText(`Homeserver: ${env.homeserver}`)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Homeserver' })).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'Username' }).fill(TEST_USERS.alice.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_USERS.alice.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('Signed in as @alice:localhost')).toBeVisible({ timeout: 30_000 });
  });
});
