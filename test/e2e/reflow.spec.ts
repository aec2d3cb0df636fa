// Reflow (WCAG 1.4.10) and zoom (issue 16.3): at 320 CSS px (400 % zoom of a 1280 px screen), at 800×600 and at
// desktop size, nothing scrolls sideways, nothing overlaps, and the room list toggle (narrow only), the room
// header and the composer are reachable. At 320 px the room list and the room take turns.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { submitSignIn } from './helpers.ts';
import { apiLogin, createRoom, sendText } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

const ROOM_TITLE = 'Reflow — a working group with a rather long name for small screens';

const SIZES = [
  { width: 320, height: 640, narrow: true },
  { width: 800, height: 600, narrow: false },
  { width: 1280, height: 800, narrow: false },
] as const;

async function horizontalOverflow(page: Page): Promise<number> {
  // The test files are compiled without the DOM library: the page's document is described here.
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } })
      .document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** Fails if two of the boxes overlap vertically (they are stacked regions of the screen). */
async function expectStacked(page: Page, selectors: string[]): Promise<void> {
  const boxes = [];
  for (const selector of selectors) {
    const box = await page.locator(selector).first().boundingBox();
    expect(box, `${selector} is on screen`).not.toBeNull();
    if (box) boxes.push({ selector, top: box.y, bottom: box.y + box.height });
  }
  for (let i = 1; i < boxes.length; i += 1) {
    const above = boxes[i - 1];
    const below = boxes[i];
    if (above && below)
      expect(below.top, `${below.selector} starts below ${above.selector}`).toBeGreaterThanOrEqual(above.bottom - 1);
  }
}

for (const size of SIZES) {
  test(`usable at ${size.width}×${size.height}: no sideways scrolling, header, list and composer reachable`, async ({
    browser,
    env,
  }) => {
    const ROOM_NAME = `${ROOM_TITLE} ${size.width}`;
    const ursula = await apiLogin(env.homeserver, TEST_USERS.ursula);
    const roomId = await createRoom(ursula, { name: ROOM_NAME });
    await sendText(
      ursula,
      roomId,
      'A message long enough to need wrapping on a narrow screen, with a long word: anticonstitutionnellement.',
    );
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: size.width, height: size.height } });
    const page = await context.newPage();
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
    expect(await horizontalOverflow(page), 'sign-in screen').toBeLessThanOrEqual(0);
    await submitSignIn(page, TEST_USERS.ursula);
    const rooms = page.getByRole('navigation', { name: 'Rooms' });
    await expect(rooms).toBeVisible({ timeout: 30_000 });
    const toggle = page.getByRole('button', { name: 'Rooms', exact: true });
    if (size.narrow) await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    else await expect(toggle).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeInViewport();
    expect(await horizontalOverflow(page), 'room list').toBeLessThanOrEqual(0);

    const link = rooms.getByRole('link', { name: new RegExp(`^${ROOM_NAME}\\b`) });
    await expect(link).toBeInViewport();
    await link.click();
    const heading = page.getByRole('heading', { level: 1, name: ROOM_NAME });
    await expect(heading).toBeInViewport();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await expect(composer).toBeInViewport();
    await expect(page.getByRole('button', { name: /^(Start|Join) call$/ })).toBeInViewport();
    await expect(page.getByRole('main').getByText('anticonstitutionnellement', { exact: false })).toBeVisible();
    expect(await horizontalOverflow(page), 'room view').toBeLessThanOrEqual(0);
    await expectStacked(page, ['.shell-header', '.room-header', '.composer']);

    if (size.narrow) {
      // The room took the screen; the list is one button away, and Escape gives the room back.
      await expect(rooms).toBeHidden();
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await toggle.click();
      await expect(rooms).toBeVisible();
      await expect(heading).toBeHidden();
      await rooms.getByRole('link', { name: new RegExp(`^${ROOM_NAME}\\b`) }).focus();
      await page.keyboard.press('Escape');
      await expect(rooms).toBeHidden();
      await expect(toggle).toBeFocused();
      await expect(heading).toBeInViewport();
    } else {
      await expect(rooms).toBeVisible();
    }
    await composer.fill('Sent from a small screen');
    await composer.press('Enter');
    // .first(): for a moment it is both in the timeline and in "Waiting to be sent".
    await expect(page.getByRole('main').getByText('Sent from a small screen').first()).toBeVisible();
    expect(await horizontalOverflow(page), 'after sending').toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await context.close();
  });
}
