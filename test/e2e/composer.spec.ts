// The composer of issue 17 (points 4, 5 and the files of 6) against the real Synapse: block Markdown
// (lists, code with highlighting, tables that scroll on their own at 320 px), command suggestions, the
// formatting toolbar, "Send files" from a paste and a drop with a caption per file, an upload's progress and
// Cancel (nothing arrives), files written offline arriving once, and link previews asked of the
// homeserver only. By accessible names, in English and French, axe on each new surface.
import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { dropFiles, pasteFiles } from './fileTransfer.ts';
import { servePage } from './linkSite.ts';
import { signInAs } from './helpers.ts';
import { apiLogin, createRoom, roomEvents, solidPng, type ApiSession, type RawEvent } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

async function openRoom(page: Page, navName: string, roomName: string): Promise<void> {
  await page
    .getByRole('navigation', { name: navName })
    .getByRole('link', { name: new RegExp(`^${roomName}`) })
    .click();
}

/** Signs in through the French interface (the system's language is French). */
async function signInFrench(browser: Browser, webUrl: string, homeserver: string, user: { username: string; password: string }) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${webUrl}?hs=${encodeURIComponent(homeserver)}`);
  await page.getByRole('textbox', { name: 'Nom d’utilisateur' }).fill(user.username);
  await page.getByRole('textbox', { name: 'Mot de passe' }).fill(user.password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Salons' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'En ligne' })).toBeVisible({ timeout: 30_000 });
  return { context, page };
}

/** The page's DOM as these tests use it: the E2E files compile without the DOM library. */
interface PageDom {
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
}
interface Scrollable {
  scrollWidth: number;
  clientWidth: number;
  scrollLeft: number;
}

async function messages(s: ApiSession, roomId: string): Promise<RawEvent[]> {
  return (await roomEvents(s, roomId)).filter((e) => e.type === 'm.room.message');
}

test('block Markdown, command suggestions and the formatting toolbar; tables reflow at 320 px', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const celine = await apiLogin(env.homeserver, TEST_USERS.celine);
  const roomName = `Rédaction ${Date.now().toString(36)}`;
  const roomId = await createRoom(celine, { name: roomName });
  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.celine);
  await openRoom(page, 'Rooms', roomName);
  const composer = page.getByRole('textbox', { name: 'Message' });
  const log = page.getByRole('log', { name: roomName });

  // "/" offers every command with what it does; typing filters; ↓ and Tab complete; Escape closes.
  await composer.fill('/');
  const commands = page.getByRole('listbox', { name: 'Commands' });
  await expect(commands.getByRole('option')).toHaveCount(5);
  await expect(commands.getByRole('option', { name: /\/topic Change the room's topic/ })).toBeVisible();
  await expect(composer).toHaveAttribute('aria-activedescendant', /.+/);
  await expectAccessible(page);
  await composer.pressSequentially('t');
  await expect(commands.getByRole('option')).toHaveCount(1);
  await composer.press('Tab');
  await expect(composer).toHaveValue('/topic ');
  await expect(commands).toBeHidden();
  await composer.fill('/');
  await composer.press('ArrowDown');
  await expect(commands.getByRole('option', { name: /^\/plain/ })).toHaveAttribute('aria-selected', 'true');
  await composer.press('Escape');
  await expect(commands).toBeHidden();
  await expect(composer).toHaveValue('/');

  // The formatting toolbar: off by default, a pressed toggle shows it, and it wraps the selection.
  const toggle = page.getByRole('button', { name: 'Formatting' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const toolbar = page.getByRole('toolbar', { name: 'Text formatting' });
  await expect(toolbar.getByRole('button')).toHaveCount(9);
  await expect(toolbar.getByRole('button', { name: 'Bold' })).toHaveAttribute('title', 'Bold (Ctrl+B)');
  await expectAccessible(page);
  await composer.fill('urgent');
  await composer.selectText();
  await toolbar.getByRole('button', { name: 'Bold' }).click();
  await expect(composer).toHaveValue('**urgent**');
  await composer.press('End');
  await composer.pressSequentially(' et ');
  await composer.press('Control+e');
  await composer.pressSequentially('npm test');
  await expect(composer).toHaveValue('**urgent** et `npm test`');
  await composer.press('Enter');
  await expect(log.getByRole('article').locator('strong', { hasText: 'urgent' })).toBeVisible();
  // Remembered on this device (a reload of the web build signs out, so the stored choice is read).
  expect(
    await page.evaluate(() =>
      (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem(
        'relais.composer.formatting',
      ),
    ),
  ).toBe('shown');

  // Lists, a fenced code block with its language, and a wide table.
  const wideRow = Array.from({ length: 12 }, (_, i) => `Colonne ${i + 1}`);
  const table = `| ${wideRow.join(' | ')} |\n|${wideRow.map(() => '---').join('|')}|\n| ${wideRow.map((_, i) => `${i * 1000} €`).join(' | ')} |`;
  for (const text of ['Ordre du jour :\n\n- budget\n- recrutement', '```ts\nconst total: number = 42;\n```', table]) {
    await composer.fill(text);
    await composer.press('Enter');
  }
  await expect(log.getByRole('listitem').filter({ hasText: 'recrutement' })).toBeVisible();
  const code = log.locator('pre code.language-ts');
  await expect(code.locator('.hljs-keyword', { hasText: 'const' })).toBeVisible();
  const tableRegion = log.getByRole('region', { name: 'Table' });
  await expect(tableRegion.getByRole('columnheader', { name: 'Colonne 12' })).toBeAttached();
  await expectAccessible(page);

  // What the server holds: the body as typed, the HTML beside it.
  await expect
    .poll(async () => (await messages(celine, roomId)).map((e) => JSON.stringify(e.content.formatted_body ?? '')).join('\n'))
    .toContain('<table>');
  const sent = await messages(celine, roomId);
  const byBody = (start: string) => sent.find((e) => String(e.content.body).startsWith(start))?.content;
  expect(byBody('Ordre du jour')?.formatted_body).toContain('<ul>\n<li>budget</li>');
  expect(byBody('```ts')?.formatted_body).toBe('<pre><code class="language-ts">const total: number = 42;\n</code></pre>');
  expect(byBody('**urgent**')?.formatted_body).toBe('<strong>urgent</strong> et <code>npm test</code>');

  // At 320 px the table scrolls inside its region; the page does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(tableRegion).toBeVisible();
  const widths = await page.evaluate(() => {
    const root = (globalThis as unknown as PageDom).document.documentElement;
    return { page: root.scrollWidth, viewport: root.clientWidth };
  });
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  const region = await tableRegion.evaluate((el) => {
    const box = el as unknown as Scrollable;
    return { scroll: box.scrollWidth, client: box.clientWidth };
  });
  expect(region.scroll).toBeGreaterThan(region.client);
  await tableRegion.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => tableRegion.evaluate((el) => (el as unknown as Scrollable).scrollLeft)).toBeGreaterThan(0);
  await expectAccessible(page);
  await context.close();
});

test('en français : coller et déposer des fichiers, légende, fichier trop gros refusé, progression et Annuler', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const damien = await apiLogin(env.homeserver, TEST_USERS.damien);
  const roomName = `Pièces jointes ${Date.now().toString(36)}`;
  const roomId = await createRoom(damien, { name: roomName });
  const { context, page } = await signInFrench(browser, env.webUrl, env.homeserver, TEST_USERS.damien);
  await openRoom(page, 'Salons', roomName);
  const log = page.getByRole('log', { name: roomName });

  // A picture pasted into the composer: "Envoyer des fichiers" with its preview, and a caption.
  await pasteFiles(page.getByRole('textbox', { name: 'Message' }), [
    { name: 'graphique.png', type: 'image/png', base64: solidPng(32, [30, 90, 200]).toString('base64') },
  ]);
  const dialog = page.getByRole('dialog', { name: 'Envoyer des fichiers' });
  await expect(dialog.getByRole('img', { name: 'Aperçu de graphique.png' })).toBeVisible();
  const files = dialog.getByRole('list', { name: 'Fichiers à envoyer' }).getByRole('listitem');
  await expect(files).toHaveCount(1);
  await expectAccessible(page);
  await dialog.getByRole('textbox', { name: 'Légende (facultative)' }).fill('Chiffres **provisoires**');
  await dialog.getByRole('button', { name: 'Envoyer 1 fichier' }).click();
  await expect(dialog).toBeHidden();
  await expect(log.getByRole('img', { name: 'graphique.png' })).toBeVisible({ timeout: 30_000 });
  await expect(log.locator('strong', { hasText: 'provisoires' })).toBeVisible();

  // Three documents dragged onto the room: the drop zone says what to do; dropped, they are listed, each
  // with its own caption; one is taken out again.
  await dropFiles(
    page.getByRole('log'),
    [
      { name: 'notes.txt', type: 'text/plain', text: 'Points à voir' },
      { name: 'brouillon.txt', type: 'text/plain', text: 'À relire' },
      { name: 'annexe.txt', type: 'text/plain', text: 'Annexe' },
    ],
    async () => {
      await expect(page.getByRole('status').filter({ hasText: 'Déposez les fichiers à envoyer' })).toBeVisible();
      await expectAccessible(page);
    },
  );
  await expect(page.getByRole('status').filter({ hasText: 'Déposez les fichiers à envoyer' })).toBeHidden();
  await expect(files).toHaveCount(3);
  await expect(dialog.getByRole('textbox', { name: 'Légende (facultative)' })).toHaveCount(0);
  await dialog.getByRole('textbox', { name: 'Légende de notes.txt (facultative)' }).fill('Points **urgents**');
  await dialog.getByRole('textbox', { name: 'Légende de brouillon.txt (facultative)' }).fill('À relire avant lundi');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Retirer annexe.txt' }).click();
  await expect(files).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Envoyer 2 fichiers' }).click();
  await expect(dialog).toBeHidden();

  // On the server: the picture with its caption (Matrix 1.10), each document with its own.
  await expect.poll(async () => (await messages(damien, roomId)).length, { timeout: 30_000 }).toBe(3);
  const [image, note, draft] = await messages(damien, roomId);
  expect(image?.content).toMatchObject({
    msgtype: 'm.image',
    body: 'Chiffres **provisoires**',
    filename: 'graphique.png',
    format: 'org.matrix.custom.html',
    formatted_body: 'Chiffres <strong>provisoires</strong>',
  });
  expect(note?.content).toMatchObject({
    msgtype: 'm.file',
    body: 'Points **urgents**',
    filename: 'notes.txt',
    formatted_body: 'Points <strong>urgents</strong>',
  });
  expect(draft?.content).toMatchObject({ msgtype: 'm.file', body: 'À relire avant lundi', filename: 'brouillon.txt' });
  expect((await messages(damien, roomId)).some((e) => e.content.filename === 'annexe.txt')).toBe(false);

  // Over the server's limit (5 MB here): refused with a reason, and nothing lost from the dialog.
  await page.locator('#composer-file').setInputFiles([
    { name: 'archive.zip', mimeType: 'application/zip', buffer: Buffer.alloc(6 * 1024 * 1024) },
    { name: 'court.txt', mimeType: 'text/plain', buffer: Buffer.from('court') },
  ]);
  await dialog.getByRole('textbox', { name: 'Légende de court.txt (facultative)' }).fill('À garder');
  await dialog.getByRole('button', { name: 'Envoyer 2 fichiers' }).click();
  await expect(dialog.getByRole('alert')).toContainText('« archive.zip » fait 6.0 MB, au-delà de la limite de 5.0 MB');
  await expect(files).toHaveCount(2);
  await expect(dialog.getByRole('textbox', { name: 'Légende de court.txt (facultative)' })).toHaveValue('À garder');
  await dialog.getByRole('button', { name: 'Annuler' }).click();

  // A slow upload: its row shows the progress; Annuler stops it and nothing is sent.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 256 * 1024,
  });
  await page.locator('#composer-file').setInputFiles({
    name: 'rapport.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(4 * 1024 * 1024, 7),
  });
  await dialog.getByRole('button', { name: 'Envoyer 1 fichier' }).click();
  const pending = page.getByRole('list', { name: 'En attente d’envoi' });
  const bar = pending.getByRole('progressbar', { name: /^Envoi de rapport\.pdf, \d+ %$/ });
  await expect(bar).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0);
  await expectAccessible(page);
  await pending.getByRole('button', { name: 'Annuler l’envoi de rapport.pdf' }).click();
  await expect(pending).toHaveCount(0);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await page.waitForTimeout(3_000);
  expect((await messages(damien, roomId)).map((e) => String(e.content.body))).not.toContain('rapport.pdf');
  await context.close();
});

test('files written offline wait in the outbox and arrive once each after reconnecting', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const celine = await apiLogin(env.homeserver, TEST_USERS.celine);
  const roomName = `Hors ligne ${Date.now().toString(36)}`;
  const roomId = await createRoom(celine, { name: roomName, encrypted: true });
  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.celine);
  await openRoom(page, 'Rooms', roomName);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await page.locator('#composer-file').setInputFiles([
    { name: 'un.txt', mimeType: 'text/plain', buffer: Buffer.from('premier') },
    { name: 'deux.png', mimeType: 'image/png', buffer: solidPng(8, [200, 0, 0]) },
  ]);
  await page.getByRole('dialog', { name: 'Send files' }).getByRole('button', { name: 'Send 2 files' }).click();
  const pending = page.getByRole('list', { name: 'Waiting to be sent' }).getByRole('listitem');
  await expect(pending).toHaveCount(2);
  await expect(pending.first()).toContainText('File: un.txt');
  await expect(pending.first()).toContainText('Offline: will be sent when the network is back');
  await expect(pending.first().getByRole('button', { name: 'Cancel sending un.txt' })).toBeVisible();
  await expectAccessible(page);

  await context.setOffline(false);
  await expect(page.getByRole('list', { name: 'Waiting to be sent' })).toHaveCount(0, { timeout: 60_000 });
  const log = page.getByRole('log', { name: roomName });
  await expect(log.getByRole('img', { name: 'deux.png' })).toBeVisible({ timeout: 30_000 });
  // Encrypted on the server, two events exactly.
  await page.waitForTimeout(2_000);
  const fromCeline = (await roomEvents(celine, roomId)).filter(
    (e) => e.sender === '@celine:localhost' && e.type === 'm.room.encrypted',
  );
  expect(fromCeline).toHaveLength(2);
  await context.close();
});

test('link previews come from the homeserver only, can be hidden, and are off in encrypted rooms', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const site = await servePage();
  try {
    const damien = await apiLogin(env.homeserver, TEST_USERS.damien);
    const open = `Aperçu ${Date.now().toString(36)}`;
    const secret = `Chiffré ${Date.now().toString(36)}`;
    await createRoom(damien, { name: open });
    await createRoom(damien, { name: secret, encrypted: true });
    const { context, page } = await signInFrench(browser, env.webUrl, env.homeserver, TEST_USERS.damien);
    const linkHost = new URL(site.url).host;
    const direct: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).host === linkHost) direct.push(request.url());
    });

    await openRoom(page, 'Salons', secret);
    await page.getByRole('textbox', { name: 'Message' }).fill(`Lien chiffré : ${site.url}?chiffre=1`);
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');

    await openRoom(page, 'Salons', open);
    await page.getByRole('textbox', { name: 'Message' }).fill(`À lire : ${site.url}.`);
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const card = page.getByRole('group', { name: 'Aperçu du lien : Intranet ministériel' });
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(card.getByRole('link', { name: 'Circulaire du 3 mars sur le télétravail' })).toHaveAttribute('href', site.url);
    await expect(card).toContainText('Les nouvelles règles pour les agents de l’État.');
    // The picture, copied by the homeserver into its media store, loaded as authenticated media.
    await expect
      .poll(() => card.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(64);
    await expectAccessible(page);
    await card.getByRole('button', { name: 'Masquer l’aperçu' }).click();
    await expect(card).toBeHidden();

    // In the encrypted room, with the default setting ('unencrypted'): no preview asked, none shown.
    await openRoom(page, 'Salons', secret);
    await expect(page.getByRole('log', { name: secret }).getByText(/Lien chiffré/)).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(2_000);
    await expect(page.getByRole('group', { name: /Aperçu du lien/ })).toHaveCount(0);

    // Nothing went from the page to the linked site: only the homeserver fetched it, once.
    expect(direct).toEqual([]);
    expect(site.agents.length).toBeGreaterThan(0);
    expect(site.agents.every((agent) => agent.includes('Synapse'))).toBe(true);
    await context.close();
  } finally {
    await site.close();
  }
});
