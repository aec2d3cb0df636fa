// @vitest-environment jsdom
// The call provider's join and leave when they overlap. The real CallSession (media capture, the
// SFU, Matrix membership) and the call server's lookup are replaced by plain fakes handed in through
// the provider's `deps` prop.
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MatrixClient } from 'matrix-js-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallState } from '../../../../../src/renderer/calls/callState.ts';
import type { CallSnapshot } from '../../../../../src/renderer/calls/engine.ts';
import type { CallFocus, FocusResult } from '../../../../../src/renderer/calls/focus.ts';
import type { CallFocusKind } from '../../../../../src/renderer/calls/membership.ts';
import { CallEndedNotice } from '../../../../../src/renderer/features/call/CallEndedNotice.tsx';
import { CallProvider, useCall, type CallDeps } from '../../../../../src/renderer/features/call/CallProvider.tsx';
import type { CallSession } from '../../../../../src/renderer/features/call/callSession.ts';
import { SessionContext } from '../../../../../src/renderer/app/SessionContext.ts';
import type { Session } from '../../../../../src/renderer/matrix/session.ts';
import { ManagedSettingsContext } from '../../../../../src/renderer/app/ManagedSettingsContext.ts';
import { unmanagedSettings } from '../../../../../src/shared/policy/managedSettings.ts';
import { renderIn, type TestLanguage } from '../../../support/i18nWrapper.tsx';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

// The provider checks the browser can encrypt call media (required by default); jsdom has no
// encoded transforms, so this stands for a browser that does.
vi.stubGlobal('RTCRtpScriptTransform', vi.fn());
vi.stubGlobal('Worker', vi.fn());

const FOCUS: CallFocus = { sfuUrl: 'wss://sfu.example.org', source: 'policy', policyIceServers: null };

function snapshotOf(state: CallState): CallSnapshot {
  return {
    state,
    participants: [],
    activeSpeakerPeerId: null,
    recentSpeakers: [],
    micOn: true,
    camOn: false,
    sharing: false,
    localVideo: null,
    localScreen: null,
    encrypted: false,
    undecryptable: new Set(),
  };
}

/** Stands for CallSession: `start` waits until the test lets it finish, as a real join waits for the SFU. */
class FakeCallSession {
  readonly roomId: string;
  membershipProblem = false;
  started = false;
  running = false;
  readonly startGate = deferred<CallState>();
  private current: CallSnapshot = snapshotOf({ phase: 'idle' });
  private readonly listeners = new Set<(s: CallSnapshot) => void>();
  readonly engine = {
    subscribe: (listener: (s: CallSnapshot) => void): (() => void) => {
      this.listeners.add(listener);
      listener(this.current);
      return () => this.listeners.delete(listener);
    },
  };

  constructor(roomId: string) {
    this.roomId = roomId;
  }

  async start(): Promise<void> {
    this.started = true;
    this.running = true;
    this.emit({ phase: 'connecting' });
    const state = await this.startGate.promise;
    // A session left meanwhile stays left (the real engine's leave wins over its join).
    if (this.isRunning()) this.emit(state);
  }

  isRunning(): boolean {
    return this.running;
  }

  emit(state: CallState): void {
    this.current = snapshotOf(state);
    if (state.phase === 'ended' || state.phase === 'failed' || state.phase === 'left') this.running = false;
    for (const listener of this.listeners) listener(this.current);
  }

  snapshot(): CallSnapshot {
    return this.current;
  }

  leave(): Promise<void> {
    this.running = false;
    this.current = snapshotOf({ phase: 'left' });
    return Promise.resolve();
  }

  dispose(): void {
    this.running = false;
  }

  rejoin(): Promise<void> {
    return Promise.resolve();
  }
}

const fakes = {
  sessions: [] as FakeCallSession[],
  focus: null as (() => Promise<FocusResult>) | null,
  callFocus: { kind: 'none' } as CallFocusKind,
};

const deps: CallDeps = {
  resolveFocus: () => (fakes.focus ? fakes.focus() : Promise.resolve<FocusResult>({ ok: true, focus: FOCUS })),
  createSession: (_client, roomId) => {
    const session = new FakeCallSession(roomId);
    fakes.sessions.push(session);
    // The members CallProvider and CallEndedNotice use.
    return session as unknown as CallSession;
  },
  callFocusOf: () => fakes.callFocus,
};

const ROOM = '!team:example.org';
// CallProvider hands the client to the (fake) focus resolution and session only; the ended notice
// asks it for the room's name. Nothing else of the session is read here.
const client = { getRoom: (roomId: string) => (roomId === ROOM ? { name: 'Équipe projet' } : null) } as unknown as MatrixClient;
const session = { client } as unknown as Session;

/** What a room's call button does, and what the user sees of the call. */
function CallPanel() {
  const call = useCall();
  return (
    <div>
      <button type="button" onClick={() => void call.join(ROOM)}>
        Join
      </button>
      <button type="button" onClick={() => void call.leave()}>
        Leave
      </button>
      <p role="status" aria-label="Call phase">
        {call.session ? (call.snapshot?.state.phase ?? 'none') : 'no call'}
      </p>
    </div>
  );
}

async function setUp(language: TestLanguage = 'en') {
  await renderIn(
    language,
    <ManagedSettingsContext.Provider value={unmanagedSettings()}>
      <SessionContext.Provider value={session}>
        <CallProvider deps={deps}>
          <CallPanel />
          <CallEndedNotice />
        </CallProvider>
      </SessionContext.Provider>
    </ManagedSettingsContext.Provider>,
  );
  return userEvent.setup();
}

function phase(): string | null {
  return screen.getByRole('status', { name: 'Call phase' }).textContent;
}

const running = () => fakes.sessions.filter((s) => s.running);

beforeEach(() => {
  fakes.sessions.length = 0;
  fakes.focus = null;
  fakes.callFocus = { kind: 'none' };
});
afterEach(cleanup);

describe('CallProvider: join and leave', () => {
  it('a join that completes shows the call', async () => {
    const user = await setUp();
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(phase()).toBe('connecting');
    await act(async () => {
      fakes.sessions[0]?.startGate.resolve({ phase: 'joined', since: 1 });
      await Promise.resolve();
    });
    expect(phase()).toBe('joined');
    expect(running()).toHaveLength(1);
  });

  it('never starts a second call beside one on a focus Relais cannot join (Element Call)', async () => {
    fakes.callFocus = { kind: 'foreign', focusType: 'livekit' };
    const user = await setUp();
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(phase()).toBe('no call');
    expect(fakes.sessions).toHaveLength(0);
  });

  it('leaving while the session is connecting leaves no call running', async () => {
    const user = await setUp();
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(phase()).toBe('connecting');
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    await act(async () => {
      fakes.sessions[0]?.startGate.resolve({ phase: 'joined', since: 1 });
      await Promise.resolve();
    });
    expect(phase()).toBe('no call');
    expect(running()).toHaveLength(0);
  });

  it('joining again after a join leaves the first session: one call at a time', async () => {
    const user = await setUp();
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await act(async () => {
      fakes.sessions[0]?.startGate.resolve({ phase: 'joined', since: 1 });
      await Promise.resolve();
    });
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await act(async () => {
      fakes.sessions[1]?.startGate.resolve({ phase: 'joined', since: 2 });
      await Promise.resolve();
    });
    expect(fakes.sessions).toHaveLength(2);
    expect(running()).toEqual([fakes.sessions[1]]);
    expect(phase()).toBe('joined');
  });

  // Two races these tests found: Leave pressed while the call server was being looked up was
  // ignored (the join went on and started a call), and a double click on Join started two sessions.
  it('leaving while the call server is being looked up leaves no call running', async () => {
    const focus = deferred<FocusResult>();
    fakes.focus = () => focus.promise;
    const user = await setUp();
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    await act(async () => {
      focus.resolve({ ok: true, focus: FOCUS });
      await Promise.resolve();
    });
    await waitFor(() => {
      expect(fakes.sessions.every((s) => !s.started)).toBe(true);
    });
    expect(phase()).toBe('no call');
  });

  it('joining twice in quick succession does not start two sessions', async () => {
    const focus = deferred<FocusResult>();
    fakes.focus = () => focus.promise;
    const user = await setUp();
    await user.dblClick(screen.getByRole('button', { name: 'Join' }));
    await act(async () => {
      focus.resolve({ ok: true, focus: FOCUS });
      await Promise.resolve();
    });
    await waitFor(() => {
      expect(fakes.sessions.filter((s) => s.started)).toHaveLength(1);
    });
    for (const s of fakes.sessions) s.startGate.resolve({ phase: 'joined', since: 1 });
    await waitFor(() => {
      expect(running()).toHaveLength(1);
    });
  });
});

describe('CallProvider: a call ended by removal', () => {
  async function joinedThenKicked(language: TestLanguage) {
    const user = await setUp(language);
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await act(async () => {
      fakes.sessions[0]?.startGate.resolve({ phase: 'joined', since: 1 });
      await Promise.resolve();
    });
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => {
      fakes.sessions[0]?.emit({ phase: 'ended', reason: { kind: 'removed', removal: 'kicked' }, at: 5 });
    });
    return user;
  }

  it('shows why the call ended until the notice is closed', async () => {
    const user = await joinedThenKicked('en');
    const notice = screen.getByRole('region', { name: 'Call ended' });
    expect(screen.getByRole('alert').textContent).toBe('You were removed from this room');
    expect(notice.contains(screen.getByRole('alert'))).toBe(true);
    // Removed, not an outage: nothing to rejoin.
    expect(screen.queryByRole('button', { name: 'Rejoin' })).toBeNull();
    expect(running()).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Call ended' })).toBeNull();
    expect(phase()).toBe('no call');
  });

  it('in French', async () => {
    const user = await joinedThenKicked('fr');
    expect(screen.getByRole('region', { name: 'Appel terminé' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Vous avez été retiré de ce salon');
    await user.click(screen.getByRole('button', { name: 'Fermer' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
