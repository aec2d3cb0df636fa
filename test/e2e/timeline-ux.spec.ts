// Issue 16, points 1 and 6 (the timeline): where the unread messages start, getting back to the newest,
// grouped messages with 24-hour times for a British English system, actions that show on hover or
// focus, and a header with the topic and member count. Tomas writes through the API; Uma reads in the app.
import type { Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin, createRoom, joinRoom, roomEvents, sendText, solidPng, type ApiSession } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

async function setTopic(s: ApiSession, roomId: string, topic: string): Promise<void> {
  await api(s, 'PUT', `/rooms/${encodeURIComponent(roomId)}/state/m.room.topic/`, { topic });
}

/** A profile picture, so the timeline has a real avatar to draw beside the initials. */
async function setProfileAvatar(s: ApiSession): Promise<void> {
  const res = await fetch(`${s.homeserver}/_matrix/media/v3/upload?filename=me.png`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.accessToken}`, 'Content-Type': 'image/png' },
    body: new Uint8Array(solidPng(64, [30, 110, 200])),
  });
  const { content_uri } = (await res.json()) as { content_uri: string };
  await api(s, 'PUT', `/profile/${encodeURIComponent(s.userId)}/avatar_url`, { avatar_url: content_uri });
}

/** Where the server has Uma's read-up-to marker in this room (null before any). */
async function fullyReadOnServer(s: ApiSession, roomId: string): Promise<string | null> {
  const res = await fetch(
    `${s.homeserver}/_matrix/client/v3/user/${encodeURIComponent(s.userId)}/rooms/${encodeURIComponent(roomId)}/account_data/m.fully_read`,
    { headers: { Authorization: `Bearer ${s.accessToken}` } },
  );
  if (!res.ok) return null;
  return ((await res.json()) as { event_id?: string }).event_id ?? null;
}

async function lastEventId(s: ApiSession, roomId: string): Promise<string | undefined> {
  return (await roomEvents(s, roomId, 5)).at(-1)?.event_id;
}

async function top(locator: Locator): Promise<number> {
  return (await locator.boundingBox())?.y ?? Number.NaN;
}

/** Scrolls the timeline to its oldest loaded message, as a reader dragging the scrollbar would. */
async function scrollToTop(log: Locator): Promise<void> {
  await log.evaluate((el) => {
    (el as unknown as { scrollTop: number }).scrollTop = 0;
  });
}

/**
 * WCAG 2.2 AA on the room view (header, timeline, composer): what this spec is about. The room list
 * beside it is another feature's, checked by its own tests.
 */
async function expectRoomAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include('.room-view')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function openRoom(page: Page, name: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name }).click();
  return page.getByRole('log', { name });
}

test('the New messages line marks where the unread messages start, and is gone once they are read', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const tomas = await apiLogin(env.homeserver, TEST_USERS.tomas);
  const uma = await apiLogin(env.homeserver, TEST_USERS.uma);
  const stamp = Date.now();
  const reading = `Unread line ${stamp}`;
  const elsewhere = `Elsewhere ${stamp}`;
  const readingId = await createRoom(tomas, { name: reading, invite: [uma.userId] });
  await joinRoom(uma, readingId);
  const elsewhereId = await createRoom(tomas, { name: elsewhere, invite: [uma.userId] });
  await joinRoom(uma, elsewhereId);
  await sendText(tomas, readingId, 'Already read one');
  await sendText(tomas, readingId, 'Already read two');

  const { page, context } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.uma);
  let log = await openRoom(page, reading);
  await expect(log.getByText('Already read two')).toBeVisible({ timeout: 30_000 });
  // Reading the room at its bottom moves the marker on the server to the newest event.
  const readUpTo = await lastEventId(uma, readingId);
  await expect.poll(() => fullyReadOnServer(uma, readingId), { timeout: 15_000 }).toBe(readUpTo);
  await expect(log.getByRole('separator', { name: 'New messages' })).toHaveCount(0);

  // Uma is in another room while Tomas writes.
  await openRoom(page, elsewhere);
  await sendText(tomas, readingId, 'First unread');
  await sendText(tomas, readingId, 'Second unread');
  await expect
    .poll(() => page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: reading }).textContent(), {
      timeout: 15_000,
    })
    .toContain('Second unread');

  log = await openRoom(page, reading);
  const line = log.getByRole('separator', { name: 'New messages' });
  await expect(line).toBeVisible({ timeout: 15_000 });
  await expect(line).toHaveText('New messages');
  const firstUnread = log.getByText('First unread', { exact: true });
  await expect(firstUnread).toBeVisible();
  expect(await top(line)).toBeGreaterThan(await top(log.getByText('Already read two', { exact: true })));
  expect(await top(line)).toBeLessThan(await top(firstUnread));
  await expectRoomAccessible(page);

  // Seen at the bottom: the server's marker moves to the newest; the line stays while the room is open.
  const newest = await lastEventId(uma, readingId);
  await expect.poll(() => fullyReadOnServer(uma, readingId), { timeout: 15_000 }).toBe(newest);
  await expect(line).toBeVisible();

  // Next time, all is read: no line.
  await openRoom(page, elsewhere);
  log = await openRoom(page, reading);
  await expect(log.getByText('Second unread')).toBeVisible();
  await expect(log.getByRole('separator', { name: 'New messages' })).toHaveCount(0);
  await context.close();
});

test('a long room: grouped messages with 24-hour times, Jump to latest, sending brings you down, actions on hover or focus, header', async ({
  browser,
  env,
}) => {
  test.setTimeout(180_000);
  const tomas = await apiLogin(env.homeserver, TEST_USERS.tomas);
  const uma = await apiLogin(env.homeserver, TEST_USERS.uma);
  await setProfileAvatar(tomas);
  const name = `Weekly sync ${Date.now()}`;
  const topic =
    'Weekly coordination between the prefecture and the regional health agency: agenda, decisions and follow-up actions, every Monday at 10:00';
  const roomId = await createRoom(tomas, { name, invite: [uma.userId] });
  await joinRoom(uma, roomId);
  await setTopic(tomas, roomId, topic);
  for (let i = 1; i <= 24; i++) await sendText(tomas, roomId, `Earlier note ${i}`);
  const conversation: [ApiSession, string][] = [
    [tomas, 'Good morning, the agenda for Monday is ready.'],
    [tomas, 'I added the vaccination campaign as item 3.'],
    [tomas, 'Can you check the figures for the northern district?'],
    [uma, 'Morning! I will look at them before noon.'],
    [uma, 'The figures from last week were provisional.'],
    [tomas, 'Thanks. The final ones should arrive today.'],
    [uma, 'Then I will wait for them.'],
    [uma, 'Shall we invite the mayor’s office?'],
    [uma, 'They asked to join last time.'],
    [tomas, 'Yes, good idea.'],
    [tomas, 'I will send the invitation this afternoon.'],
    [tomas, 'See you Monday.'],
  ];
  for (const [who, text] of conversation) await sendText(who, roomId, text);

  const { page, context } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.uma);
  const log = await openRoom(page, name);
  const last = log.getByRole('article').filter({ hasText: 'See you Monday.' });
  await expect(last).toBeVisible({ timeout: 30_000 });

  // Header: the topic on one line with its full text kept, and the member count.
  const topicButton = page.getByRole('button', { name: topic });
  await expect(topicButton).toBeVisible();
  await expect(topicButton).toHaveAttribute('title', topic);
  await expect(topicButton).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByText('2 members', { exact: true })).toBeVisible();
  expect(
    await topicButton.evaluate((el) => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth > box.clientWidth;
    }),
  ).toBe(true);

  // Grouping: the burst's first message names its sender; the ones after it do not repeat the name.
  await expect(last.getByText('tomas', { exact: true })).toHaveCount(0);
  await expect(
    log.getByRole('article').filter({ hasText: 'Thanks. The final ones' }).getByText('tomas', { exact: true }),
  ).toBeVisible();
  await expect(log.locator('.sender-avatar img').first()).toBeVisible({ timeout: 15_000 });

  // A British English system (the test browser's locale is en-GB): 24-hour times, no AM/PM.
  await expect(last).toHaveAccessibleName(/^tomas, \d{2}:\d{2}$/);
  const shownTime = await log.getByRole('article').filter({ hasText: 'Thanks. The final ones' }).locator('time').textContent();
  expect(shownTime).toMatch(/^\d{2}:\d{2}$/);

  // Screenshots of the grouped conversation, light and dark, at two sizes.
  for (const size of [
    { width: 1280, height: 800 },
    { width: 800, height: 600 },
  ]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `test-results/screens/timeline-${size.width}x${size.height}-${colorScheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Actions: invisible until the pointer is on the message, but in the tab order.
  const toolbar = last.getByRole('group', { name: 'Message actions' });
  await page.mouse.move(0, 0);
  await expect(toolbar).toHaveCSS('opacity', '0');
  await last.hover();
  await expect(toolbar).toHaveCSS('opacity', '1');
  await expect(toolbar.getByRole('button', { name: 'Reply', exact: true })).toHaveAttribute('title', 'Reply');
  await page.mouse.move(0, 0);
  await expect(toolbar).toHaveCSS('opacity', '0');
  // Back from the composer's first control, the keyboard lands on the last message's last action.
  await page.getByRole('button', { name: 'Attach file' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(toolbar.getByRole('button', { name: 'More options' })).toBeFocused();
  await expect(toolbar).toHaveCSS('opacity', '1');
  // Back over Reply in thread and Reply to React.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(toolbar.getByRole('button', { name: 'React' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Emoji' }).getByRole('button', { name: 'React with thumbs up' }).press('Enter');
  await expect(last.getByRole('list', { name: 'Reactions' })).toContainText('👍', { timeout: 15_000 });
  await expectRoomAccessible(page);

  // Scrolled up into the history: Jump to latest appears and brings the newest back.
  const jump = page.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toHaveCount(0);
  await scrollToTop(log);
  await expect(jump).toBeVisible();
  await expect(last).not.toBeInViewport();
  await jump.click();
  await expect(last).toBeInViewport();
  await expect(jump).toHaveCount(0);

  // Scrolled up again, then sending: the reader is brought to the bottom, to the message just sent.
  await scrollToTop(log);
  await expect(jump).toBeVisible();
  await page.getByRole('textbox', { name: 'Message' }).fill('On my way to the bottom');
  await page.keyboard.press('Enter');
  const mine = log.getByRole('article').filter({ hasText: 'On my way to the bottom' });
  await expect(mine).toBeInViewport({ timeout: 15_000 });
  await expect(jump).toHaveCount(0);
  await context.close();
});

test('the message list from the keyboard: one tab stop, arrows between messages, Tab to the actions, Escape drops a reply', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const tomas = await apiLogin(env.homeserver, TEST_USERS.tomas);
  const uma = await apiLogin(env.homeserver, TEST_USERS.uma);
  const name = `Keyboard timeline ${Date.now()}`;
  const roomId = await createRoom(tomas, { name, invite: [uma.userId] });
  await joinRoom(uma, roomId);
  for (const text of ['Point one', 'Point two', 'Point three', 'Point four']) await sendText(tomas, roomId, text);

  const { page, context } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.uma);
  const log = await openRoom(page, name);
  const message = (text: string) => log.getByRole('article').filter({ hasText: text });
  await expect(message('Point four')).toBeVisible({ timeout: 30_000 });

  // Tab from the header's last control lands on one message, the newest, and on nothing else in the list.
  await page.getByRole('button', { name: 'Room settings' }).focus();
  await page.keyboard.press('Tab');
  await expect(message('Point four')).toBeFocused();
  await expect(log.locator('[tabindex="0"]')).toHaveCount(
    // The message and its own actions; every other message's are out of the tab order.
    (await message('Point four').locator('button').count()) + 1,
  );

  // The arrows move between messages, and the tab stop moves with them.
  await page.keyboard.press('ArrowUp');
  await expect(message('Point three')).toBeFocused();
  await expect(message('Point three')).toHaveAttribute('tabindex', '0');
  await expect(message('Point four')).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('Home');
  await expect(log.locator('.timeline-item').first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(message('Point four')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(message('Point three')).toBeFocused();

  // Tab goes into the focused message's actions, which show.
  await page.keyboard.press('Tab');
  await expect(message('Point three').getByRole('button', { name: 'React' })).toBeFocused();
  await page.keyboard.press('Tab');
  const reply = message('Point three').getByRole('button', { name: 'Reply', exact: true });
  await expect(reply).toBeFocused();
  await expect(message('Point three').getByRole('group', { name: 'Message actions' })).toHaveCSS('opacity', '1');
  await page.keyboard.press('Enter');
  const composer = page.getByRole('textbox', { name: 'Message' });
  await expect(composer).toBeFocused();
  await expect(page.getByText('Replying to tomas')).toBeVisible();

  // Escape in the composer drops the reply.
  await page.keyboard.press('Escape');
  await expect(page.getByText('Replying to tomas')).toHaveCount(0);
  await expect(composer).toBeFocused();
  await expectRoomAccessible(page);
  await context.close();
});
