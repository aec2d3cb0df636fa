// @vitest-environment jsdom
// The signed-in shell against a real Synapse (issue 15, point 2): the open room listens to its own
// events only, so a message in another room updates the room list without re-rendering the open
// room or rebuilding its timeline; and room actions that fail (leave, accept, decline, loading older
// messages) are said in the room and logged with the room, never left as unhandled rejections.
// The client is Relais's engine in Node (engineFixtures: a fresh sign-in, classic /sync), with
// requests failed on demand at the fetch layer; the React tree is the real shell.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, type ComponentProps } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENV_CACHE_ROOT } from '../../../../env/chroot.ts';
import { startSynapse, type RegisteredUser, type SynapseHandle } from '../../../../env/synapse.ts';
import { createRoom, freeSynapsePort, invite, join } from '../../../support/matrixFixtures.ts';
import { sendText, signIn, type SignedIn } from '../../../support/engineFixtures.ts';
import { ManagedSettingsContext } from '../../../../../src/renderer/app/ManagedSettingsContext.ts';
import { PlatformContext } from '../../../../../src/renderer/app/PlatformContext.ts';
import { SessionContext } from '../../../../../src/renderer/app/SessionContext.ts';
import { SignedInShell } from '../../../../../src/renderer/app/shell/SignedInShell.tsx';
import { CallProvider } from '../../../../../src/renderer/features/call/CallProvider.tsx';
import type * as RoomViewModule from '../../../../../src/renderer/features/room/RoomView.tsx';
import type * as TimelineModule from '../../../../../src/renderer/matrix/timeline.ts';
import { monitorConnectivity } from '../../../../../src/renderer/matrix/connectivity.ts';
import { createMatrixOutbox } from '../../../../../src/renderer/matrix/outbox/matrixOutbox.ts';
import { DraftStore } from '../../../../../src/renderer/matrix/drafts/draftStore.ts';
import { startMessageIndexer } from '../../../../../src/renderer/matrix/search/messageIndexer.ts';
import { SecretStorageKeyCache } from '../../../../../src/renderer/matrix/secureBackup.ts';
import type { Session } from '../../../../../src/renderer/matrix/session.ts';
import { connectLogs, flushLogs } from '../../../../../src/renderer/platform/log.ts';
import type { LogRecord } from '../../../../../src/shared/log/record.ts';
import { unmanagedSettings } from '../../../../../src/shared/policy/managedSettings.ts';
import { fakePlatform } from '../../../support/fakePlatform.ts';
import { installDialogPolyfill } from '../../../support/dialogPolyfill.ts';
import { renderIn, type TestLanguage } from '../../../support/i18nWrapper.tsx';

/** What the instruments below saw, per room: timelines built, and commits of the room view's subtree. */
const seen = vi.hoisted(() => ({ builds: new Map<string, number>(), commits: new Map<string, number>() }));
const bump = (counts: Map<string, number>, roomId: string) => counts.set(roomId, (counts.get(roomId) ?? 0) + 1);

// Instruments around the real code (nothing replaced): every buildTimeline call, and a Profiler
// around the room view that counts each commit in which anything under it rendered.
vi.mock('../../../../../src/renderer/matrix/timeline.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof TimelineModule>();
  return {
    ...actual,
    buildTimeline: (...args: Parameters<typeof actual.buildTimeline>) => {
      bump(seen.builds, args[0].roomId);
      return actual.buildTimeline(...args);
    },
  };
});
vi.mock('../../../../../src/renderer/features/room/RoomView.tsx', async (importOriginal) => {
  const actual = await importOriginal<typeof RoomViewModule>();
  return {
    ...actual,
    RoomView: (props: ComponentProps<typeof actual.RoomView>) => (
      <Profiler id="room-view" onRender={() => bump(seen.commits, props.room.roomId)}>
        <actual.RoomView {...props} />
      </Profiler>
    ),
  };
});

const provisioned = existsSync(path.join(ENV_CACHE_ROOT, 'current', '.relais-ready'));

/** Which requests to fail, by what their path holds; failed with a 500 as a broken server would. */
const failing = new Set<string>();
const faultyFetch: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if ([...failing].some((part) => url.includes(part))) {
    return Promise.resolve(
      new Response(JSON.stringify({ errcode: 'M_UNKNOWN', error: 'failed by the test' }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      }),
    );
  }
  return fetch(input, init);
};

/** A session as startSession builds it, on the engine's client, with in-memory stores (jsdom has no IndexedDB). */
function sessionOf({ client }: SignedIn, user: RegisteredUser, synapse: SynapseHandle): Session {
  const platform = fakePlatform();
  const { outbox, blobs, uploads } = createMatrixOutbox(client, null);
  return {
    client,
    credentials: { homeserverUrl: synapse.baseUrl, userId: user.userId, deviceId: client.getDeviceId() ?? '', accessToken: '' },
    ready: Promise.resolve(),
    keyCache: new SecretStorageKeyCache(),
    // Never settles: the key backup banner (which needs encryption, not started here) stays out of the way.
    crossSigning: new Promise(() => undefined),
    outbox,
    blobs,
    uploads,
    connectivity: monitorConnectivity(client, platform),
    search: startMessageIndexer(client, null),
    drafts: new DraftStore(null),
    startedFromCache: () => false,
    cachedRooms: [],
    stop: () => client.stopClient(),
  };
}

async function waitForQuiet(counts: Map<string, number>, roomId: string, quietMs = 1_000): Promise<number> {
  let last = -1;
  for (;;) {
    const now = counts.get(roomId) ?? 0;
    if (now === last) return now;
    last = now;
    await act(() => new Promise((resolve) => setTimeout(resolve, quietMs)));
  }
}

describe.skipIf(!provisioned)('the signed-in shell (real Synapse)', () => {
  let synapse: SynapseHandle;
  let alice: RegisteredUser;
  let bob: RegisteredUser;
  let signedIn: SignedIn;
  let session: Session;
  let openRoom: string;
  let otherRoom: string;
  let invitedRoom: string;
  const records: LogRecord[] = [];

  beforeAll(async () => {
    installDialogPolyfill();
    synapse = await startSynapse({ port: await freeSynapsePort() });
    alice = await synapse.registerUser('alice', 'alice-shell-password');
    bob = await synapse.registerUser('bob', 'bob-shell-password');
    openRoom = await createRoom(synapse, alice, 'Open room');
    otherRoom = await createRoom(synapse, alice, 'Other room');
    for (const roomId of [openRoom, otherRoom]) {
      await invite(synapse, alice, roomId, bob.userId);
      await join(synapse, bob, roomId);
      await sendText(synapse, alice, roomId, `first in ${roomId === openRoom ? 'the open room' : 'the other room'}`);
    }
    invitedRoom = await createRoom(synapse, alice, 'Invited room');
    await invite(synapse, alice, invitedRoom, bob.userId);
    signedIn = await signIn(synapse, bob, 'classic', { fetch: faultyFetch });
    session = sessionOf(signedIn, bob, synapse);
    connectLogs({ writeLogs: (batch) => Promise.resolve(void records.push(...batch)) }, { delayMs: 0, console: null });
  }, 180_000);

  afterEach(() => {
    cleanup();
    failing.clear();
    window.location.hash = '';
  });

  afterAll(async () => {
    (session as Session | undefined)?.stop();
    await (synapse as SynapseHandle | undefined)?.stop();
  }, 60_000);

  async function showShell(roomId: string | null, language: TestLanguage = 'en') {
    window.location.hash = roomId ? `#/room/${encodeURIComponent(roomId)}` : '';
    await renderIn(
      language,
      <PlatformContext.Provider value={fakePlatform()}>
        <ManagedSettingsContext.Provider value={unmanagedSettings()}>
          <SessionContext.Provider value={session}>
            <CallProvider>
              <SignedInShell notice={null} onSignOut={() => undefined} />
            </CallProvider>
          </SessionContext.Provider>
        </ManagedSettingsContext.Provider>
      </PlatformContext.Provider>,
    );
    return userEvent.setup();
  }

  async function roomFailureLogged(phase: string, roomId: string): Promise<LogRecord | undefined> {
    await flushLogs();
    return records.find((r) => r.scope === 'room' && r.context?.phase === phase && r.context.roomId === roomId);
  }

  it('a message in another room updates the room list, and neither re-renders the open room nor rebuilds its timeline', async () => {
    await showShell(openRoom);
    await screen.findByRole('heading', { name: 'Open room', level: 1 });
    // Opening settles (first build, older messages fetched to fill the view, my read receipt echoed).
    const commits = await waitForQuiet(seen.commits, openRoom);
    const builds = seen.builds.get(openRoom) ?? 0;
    expect(builds).toBeGreaterThan(0);

    await sendText(synapse, alice, otherRoom, 'news in the other room');
    const list = screen.getByRole('navigation');
    await waitFor(() => expect(within(list).getByText(/news in the other room/)).toBeTruthy(), { timeout: 10_000 });
    // A few more frames for anything scheduled by the same sync answer.
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(seen.commits.get(openRoom)).toBe(commits);
    expect(seen.builds.get(openRoom)).toBe(builds);

    // The instruments do see the open room's own events.
    await sendText(synapse, alice, openRoom, 'news in the open room');
    await waitFor(() => expect(seen.builds.get(openRoom)).toBeGreaterThan(builds), { timeout: 10_000 });
    expect(seen.commits.get(openRoom)).toBeGreaterThan(commits);
  });

  it('older messages that cannot be loaded: said in the room, logged with the room', async () => {
    failing.add('/messages');
    await showShell(otherRoom);
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain('Older messages could not be loaded. Scroll up to try again.');
    const record = await roomFailureLogged('history', otherRoom);
    expect(record?.level).toBe('warn');
    expect(record?.context?.status).toBe(500);
  });

  it('leaving fails: said in the room, which stays open; then leaving works', async () => {
    failing.add('/leave');
    const user = await showShell(openRoom);
    await user.click(await screen.findByRole('button', { name: 'Leave' }));
    // "Leave room?" first (confirmations.spec.ts covers its warnings).
    await user.click(within(await screen.findByRole('dialog', { name: 'Leave room?' })).getByRole('button', { name: 'Leave' }));
    expect((await screen.findByRole('alert')).textContent).toContain('You could not leave this room.');
    expect(window.location.hash).toBe(`#/room/${encodeURIComponent(openRoom)}`);
    expect((await roomFailureLogged('leave', openRoom))?.context?.code).toBe('M_UNKNOWN');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('accepting an invitation fails, in French: said in the room', async () => {
    failing.add('/join/');
    const user = await showShell(invitedRoom, 'fr');
    await user.click(await screen.findByRole('button', { name: 'Accepter' }, { timeout: 10_000 }));
    expect((await screen.findByRole('alert')).textContent).toContain('L’invitation n’a pas pu être acceptée.');
    expect(await roomFailureLogged('accept', invitedRoom)).toBeDefined();
  });

  it('declining an invitation fails: said in the room; once it works, back to the welcome screen', async () => {
    failing.add('/leave');
    const user = await showShell(invitedRoom);
    await user.click(await screen.findByRole('button', { name: 'Decline' }, { timeout: 10_000 }));
    expect((await screen.findByRole('alert')).textContent).toContain('The invitation could not be declined.');
    expect(await roomFailureLogged('decline', invitedRoom)).toBeDefined();

    failing.clear();
    await user.click(screen.getByRole('button', { name: 'Decline' }));
    await screen.findByRole('heading', { name: 'Welcome to Relais' }, { timeout: 10_000 });
    expect(window.location.hash).toBe('');
  });
});
