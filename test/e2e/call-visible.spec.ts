// A call receives what is shown (issue 20.1): a participant paged out is paused at the SFU (their
// video packets stop arriving) and resumes when their page is shown; a small tile asks for a smaller
// simulcast layer than a large one (the decoded frame width says which came). Two people only, so
// two cores can run it: a narrow window puts one tile per page, which is what paging needs.
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import {
  acceptInvite,
  CALL_LAUNCH_OPTIONS,
  createRoomAndInvite,
  inboundVideoStreams,
  RECORD_PEER_CONNECTIONS,
} from './callHelpers.ts';
import { TEST_USERS } from './testUsers.ts';
import type { Page } from '@playwright/test';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

/** Video packets received over `ms`, and the widest frame decoded at its end. */
async function videoOver(page: Page, ms: number): Promise<{ packets: number; frameWidth: number }> {
  const before = await inboundVideoStreams(page);
  await page.waitForTimeout(ms);
  const after = await inboundVideoStreams(page);
  const packets = after.reduce((sum, s) => sum + s.packets - (before.find((b) => b.id === s.id)?.packets ?? 0), 0);
  return { packets, frameWidth: Math.max(0, ...after.map((s) => s.frameWidth)) };
}

test('only the tiles on screen are received: a paged-out camera is paused at the SFU, a small tile gets a small layer', async ({
  browser,
  env,
}) => {
  test.setTimeout(240_000);
  const options = { initScript: RECORD_PEER_CONNECTIONS };
  const oscar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.oscar, options);
  const peggy = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.peggy, options);
  const roomName = `Pages ${Date.now()}`;
  await createRoomAndInvite(oscar.page, roomName, ['@peggy:localhost']);
  await acceptInvite(peggy.page, roomName);

  // Peggy starts the call and mutes her microphone: she never becomes a recent speaker at Oscar's,
  // whose camera would otherwise be kept received off the page (the last-N rule).
  await peggy.page.getByRole('button', { name: 'Start call' }).click();
  const peggyStage = peggy.page.getByRole('region', { name: `Call in ${roomName}` });
  await peggyStage.getByRole('button', { name: 'Mute microphone' }).click({ timeout: 30_000 });
  await expect(peggyStage.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();

  // Oscar joins, turns his camera off (less CPU to share), and narrows his window: one tile per page.
  await expect(oscar.page.getByText('In the call: peggy')).toBeVisible({ timeout: 30_000 });
  await oscar.page.getByRole('button', { name: 'Join call' }).click();
  const stage = oscar.page.getByRole('region', { name: `Call in ${roomName}` });
  await stage.getByRole('button', { name: 'Turn off camera' }).click({ timeout: 30_000 });
  await oscar.page.setViewportSize({ width: 380, height: 600 });
  const pager = stage.getByRole('navigation', { name: 'Participant pages' });
  await expect(pager.getByText('Page 1 of 2')).toBeVisible({ timeout: 30_000 });
  const grid = await stage.locator('.call-grid').boundingBox();
  console.log(`narrow window: grid ${Math.round(grid?.width ?? 0)}×${Math.round(grid?.height ?? 0)} px`);

  // Page 1 shows only Oscar: Peggy's camera is paused at the SFU, no video packet arrives.
  const peggyTile = stage.getByRole('group', { name: 'peggy', exact: true });
  await expect(peggyTile).toBeHidden();
  await expect.poll(async () => (await videoOver(oscar.page, 2_000)).packets, { timeout: 20_000 }).toBeLessThanOrEqual(2);

  // Page 2 shows her: her video resumes, decoded frames in her tile (not the initial).
  const flipped = Date.now();
  await pager.getByRole('button', { name: 'More participants' }).click();
  await expect(pager.getByText('Page 2 of 2')).toBeVisible();
  await expect(pager.getByRole('button', { name: 'More participants' })).toBeDisabled();
  await expect(peggyTile.locator('video')).toBeVisible({ timeout: 20_000 });
  console.log(`page 2 shown: her video in the tile after ${Date.now() - flipped} ms (300 ms of it the settle delay)`);
  await expect.poll(async () => (await videoOver(oscar.page, 1_500)).packets, { timeout: 20_000 }).toBeGreaterThan(20);
  await expectAccessible(oscar.page);
  await oscar.page.screenshot({ path: 'test-results/call-visible-narrow.png' });

  // Her tile is under 360 px wide: the smallest layer (a quarter of her camera's width).
  const tileBox = await peggyTile.boundingBox();
  expect(tileBox?.width ?? 0).toBeLessThan(360);
  await expect.poll(async () => (await videoOver(oscar.page, 1_000)).frameWidth, { timeout: 20_000 }).toBeGreaterThan(0);
  const small = (await videoOver(oscar.page, 1_000)).frameWidth;

  // Back to page 1: paused again.
  await pager.getByRole('button', { name: 'Previous participants' }).click();
  await expect(peggyTile).toBeHidden();
  await expect.poll(async () => (await videoOver(oscar.page, 2_000)).packets, { timeout: 20_000 }).toBeLessThanOrEqual(2);

  // A wide window: both tiles on one page, hers several hundred pixels wide, so a larger layer comes.
  await oscar.page.setViewportSize({ width: 1400, height: 900 });
  await expect(pager).toBeHidden();
  await expect(peggyTile.locator('video')).toBeVisible({ timeout: 20_000 });
  const wideBox = await peggyTile.boundingBox();
  console.log(`tile ${Math.round(tileBox?.width ?? 0)} px → frame ${small} px wide; tile ${Math.round(wideBox?.width ?? 0)} px`);
  expect(wideBox?.width ?? 0).toBeGreaterThanOrEqual(360);
  await expect
    .poll(async () => (await videoOver(oscar.page, 1_000)).frameWidth, { timeout: 45_000, intervals: [1_000] })
    .toBeGreaterThan(small);
  console.log(`wide tile → frame ${(await videoOver(oscar.page, 500)).frameWidth} px wide`);

  await stage.getByRole('button', { name: 'Leave call' }).click();
  await peggyStage.getByRole('button', { name: 'Leave call' }).click();
  await Promise.all([oscar.context.close(), peggy.context.close()]);
});

test('a shared screen takes the main stage and the cameras become a strip', async ({ browser, env }) => {
  test.setTimeout(180_000);
  const options = { initScript: RECORD_PEER_CONNECTIONS };
  const oscar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.oscar, options);
  const peggy = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.peggy, options);
  const roomName = `Stage ${Date.now()}`;
  await createRoomAndInvite(oscar.page, roomName, ['@peggy:localhost']);
  await acceptInvite(peggy.page, roomName);
  await oscar.page.getByRole('button', { name: 'Start call' }).click();
  const stage = oscar.page.getByRole('region', { name: `Call in ${roomName}` });
  await stage.getByRole('button', { name: 'Turn off camera' }).click({ timeout: 30_000 });
  await expect(peggy.page.getByText('In the call: oscar')).toBeVisible({ timeout: 30_000 });
  await peggy.page.getByRole('button', { name: 'Join call' }).click();
  const peggyStage = peggy.page.getByRole('region', { name: `Call in ${roomName}` });
  await expect(stage.getByRole('group', { name: 'peggy', exact: true }).locator('video')).toBeVisible({ timeout: 30_000 });

  // Peggy shares her screen (Chromium's fake picker and fake screen): at Oscar's it fills the stage.
  await peggyStage.getByRole('button', { name: 'Share screen' }).click();
  const screen = stage.getByRole('group', { name: 'peggy (screen)' });
  await expect(screen).toBeVisible({ timeout: 30_000 });
  // Both of her videos arrive and decode: the screen and her camera (in the strip, at a small layer).
  await expect
    .poll(
      async () => {
        const before = await inboundVideoStreams(oscar.page);
        await oscar.page.waitForTimeout(1_500);
        const after = await inboundVideoStreams(oscar.page);
        console.log(`video streams at Oscar's: ${JSON.stringify(after)}`);
        return after.filter((s) => s.packets > (before.find((b) => b.id === s.id)?.packets ?? 0) && s.frameWidth > 0).length;
      },
      { timeout: 30_000 },
    )
    .toBe(2);
  // Her screen is drawn in its tile (a frame decoded), not the initial.
  await expect(screen.locator('video')).toBeVisible({ timeout: 30_000 });
  const strip = stage.locator('.call-strip');
  await expect(strip.getByRole('group', { name: 'peggy', exact: true })).toBeVisible();
  await expect(strip.getByRole('group', { name: 'oscar (you)' })).toBeVisible();
  const screenBox = await screen.boundingBox();
  const cameraBox = await strip.getByRole('group', { name: 'peggy', exact: true }).boundingBox();
  console.log(
    `stage ${Math.round(screenBox?.width ?? 0)}×${Math.round(screenBox?.height ?? 0)} px, strip tile ${Math.round(cameraBox?.width ?? 0)} px`,
  );
  expect(screenBox?.width ?? 0).toBeGreaterThan(2 * (cameraBox?.width ?? 0));
  expect(screenBox?.height ?? 0).toBeGreaterThan(cameraBox?.height ?? 0);
  await expectAccessible(oscar.page);
  await oscar.page.screenshot({ path: 'test-results/call-visible-stage.png' });

  // She stops: the grid comes back.
  await peggyStage.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(screen).toBeHidden({ timeout: 15_000 });
  await expect(strip).toBeHidden();
  await stage.getByRole('button', { name: 'Leave call' }).click();
  await peggyStage.getByRole('button', { name: 'Leave call' }).click();
  await Promise.all([oscar.context.close(), peggy.context.close()]);
});
