// The Teams bridge end to end: a message with a Teams link shows the card, and the action does what
// the machine policy says (through the real main-process router, policy loader and join logic).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDesktopHarness } from './desktopHarness.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { signOut, submitSignIn } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test.skip(
  process.env.RELAIS_SECRET_SERVICE !== '1',
  'needs a Secret Service: run through `npm run test:e2e` (test/env/with-keyring.sh)',
);

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const THREAD = '19:meeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj@thread.v2';
const LINK = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=${encodeURIComponent(
  JSON.stringify({ Tid: TENANT, Oid: '8d2e2a44-52f6-4e8c-a2c5-1c0b8e9c7f10' }),
)}`;

function policyDir(root: string, env: { homeserver: string }, mode: Record<string, unknown>): string {
  const dir = path.join(root, `etc-relais-${String(mode.mode)}`);
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'policy.json'),
    JSON.stringify({
      policyVersion: 1,
      homeservers: [env.homeserver],
      teamsBridge: { enabled: true, sunset: '2099-12-31', modes: { '*': mode } },
    }),
  );
  return dir;
}

test('a Teams link in a message shows the card; gateway and isolated actions follow policy', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const root = mkdtempSync(path.join(tmpdir(), 'relais-teams-'));
  try {
    for (const [mode, button] of [
      [
        { mode: 'gateway', webGatewayUrlTemplate: 'https://visio.example.gouv.fr/teams?thread={threadId}&tenant={tenantId}' },
        'Join via gateway',
      ],
      [{ mode: 'isolated' }, 'Open in isolated window'],
    ] as const) {
      const harness = await createDesktopHarness({
        appOrigin: env.webUrl,
        markerFile: path.join(root, `marker-${mode.mode}.json`),
        policyDir: policyDir(root, env, mode),
      });
      const context = await browser.newContext({ locale: 'en-GB' });
      await harness.attach(context);
      const page = await context.newPage();
      await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
      await submitSignIn(page, TEST_USERS.grace);
      await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });

      await page.getByRole('button', { name: 'New room' }).click();
      await page
        .getByRole('dialog', { name: 'New room' })
        .getByRole('textbox', { name: 'Room name' })
        .fill(`Partners ${mode.mode}`);
      await page.getByRole('dialog', { name: 'New room' }).getByRole('button', { name: 'Create' }).click();
      await page.getByRole('textbox', { name: 'Message' }).fill(`Invitation from the partner: ${LINK}`);
      await page.keyboard.press('Enter');

      const card = page.getByRole('group', { name: 'Legacy Teams meeting' });
      await expect(card).toBeVisible({ timeout: 30_000 });
      await expect(card.getByRole('button')).toHaveText([button]);
      await expectAccessible(page);
      await card.getByRole('button', { name: button }).click();
      if (mode.mode === 'gateway') {
        await expect
          .poll(() => harness.opened.external)
          .toEqual([`https://visio.example.gouv.fr/teams?thread=${encodeURIComponent(THREAD)}&tenant=${TENANT}`]);
      } else {
        await expect.poll(() => harness.opened.isolated).toHaveLength(1);
        expect(harness.opened.isolated[0]).toContain('https://teams.microsoft.com/l/meetup-join/');
        expect(harness.opened.external).toEqual([]);
      }
      await signOut(page);
      await context.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the "Join a Teams meeting" dialog reads a pasted invitation and explains unreadable links', async ({ browser, env }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
  await submitSignIn(page, TEST_USERS.grace);
  await page.getByRole('button', { name: 'Join a Teams meeting' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join a Teams meeting' });
  await dialog
    .getByRole('textbox', { name: 'Meeting link or invitation' })
    .fill(
      'Microsoft Teams meeting\nJoin on your computer, mobile app or room device\nhttps://teams.microsoft.com/meet/123456789012345?p=AbCdEf\nMeeting ID: 123 456 789 012 345\nPasscode: AbCdEf',
    );
  await dialog.getByRole('button', { name: 'Check link' }).click();
  // The web build has no machine policy: the card says the bridge is not enabled.
  await expect(dialog.getByRole('group', { name: 'Legacy Teams meeting' })).toContainText('Meeting ID 123 456 789 012 345');
  await expect(dialog.getByRole('group', { name: 'Legacy Teams meeting' })).toContainText('has not enabled');
  await expectAccessible(page);
  await dialog
    .getByRole('textbox', { name: 'Meeting link or invitation' })
    .fill('https://protect-eu.mimecast.com/s/AbCdEfGhIjKlMnOp?domain=teams.microsoft.com');
  await dialog.getByRole('button', { name: 'Check link' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Mimecast');
  await dialog
    .getByRole('textbox', { name: 'Meeting link or invitation' })
    .fill('https://teams.microsoft.com.evil.example/l/meetup-join/x');
  await dialog.getByRole('button', { name: 'Check link' }).click();
  await expect(dialog.getByRole('alert')).toContainText('No Teams meeting was found');
  await context.close();
});
