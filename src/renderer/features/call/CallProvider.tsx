// Holds the call the user is in (at most one), above the room views so it survives switching
// rooms. A call that ended by itself (removed from the room, call server gone) stays here until
// the user closes its notice, so the reason is visible whichever room is open. Remote audio plays from here for the same reason: it must not stop when the call's room
// is not on screen.
import type { MatrixClient } from 'matrix-js-sdk';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useManagedSettings } from '../../app/ManagedSettingsContext.ts';
import { useClient } from '../../app/SessionContext.ts';
import type { CallErrorCode } from '../../calls/callState.ts';
import type { CallSnapshot } from '../../calls/engine.ts';
import { mediaEncryptionFor } from '../../calls/e2ee/encryptionPolicy.ts';
import { mediaEncryptionSupported } from '../../calls/e2ee/mediaEncryption.ts';
import type { CallFocus, FocusResult } from '../../calls/focus.ts';
import { callMembersOf, resolveFocus } from '../../calls/matrixRtc.ts';
import { callFocusKind, type CallFocusKind } from '../../calls/membership.ts';
import type { EffectiveSettings } from '../../../shared/policy/settings.ts';
import { CallSession, type CallSessionOptions } from './callSession.ts';
import { rendererLogger } from '../../platform/log.ts';

export interface CallContextValue {
  session: CallSession | null;
  snapshot: CallSnapshot | null;
  /** Why the last attempt to join failed, for the room it was made in. */
  failure: { roomId: string; error: CallErrorCode } | null;
  join(roomId: string): Promise<void>;
  /** Leaves the call, or closes the notice of a call that ended. */
  leave(): Promise<void>;
  /** Back into a call that ended because the call server was unreachable. */
  rejoin(): Promise<void>;
}

const CallContext = createContext<CallContextValue | null>(null);

export function useCall(): CallContextValue {
  const value = useContext(CallContext);
  if (!value) throw new Error('useCall outside CallProvider');
  return value;
}

/** What the provider needs from outside React to start a call; tests hand in fakes. */
export interface CallDeps {
  resolveFocus(client: MatrixClient, policyCalls: EffectiveSettings['calls']): Promise<FocusResult>;
  createSession(client: MatrixClient, roomId: string, focus: CallFocus, options: CallSessionOptions): CallSession;
  /** Where the room's call runs now, from its membership state. */
  callFocusOf(client: MatrixClient, roomId: string): CallFocusKind;
}

// Module-level, so the default is the same object on every render (it is a dependency of join).
const DEFAULT_CALL_DEPS: CallDeps = {
  resolveFocus: (client, policyCalls) => resolveFocus(client, policyCalls),
  createSession: (client, roomId, focus, options) => new CallSession(client, roomId, focus, options),
  callFocusOf: (client, roomId) => {
    const room = client.getRoom(roomId);
    return room ? callFocusKind(callMembersOf(room, Date.now())) : { kind: 'none' };
  },
};

export function CallProvider({ children, deps = DEFAULT_CALL_DEPS }: { children: ReactNode; deps?: CallDeps }) {
  const client = useClient();
  const managed = useManagedSettings();
  const [session, setSession] = useState<CallSession | null>(null);
  const [snapshot, setSnapshot] = useState<CallSnapshot | null>(null);
  const [failure, setFailure] = useState<CallContextValue['failure']>(null);
  const sessionRef = useRef<CallSession | null>(null);
  // Each join or leave starts a new attempt: a join that finds a newer attempt after an await was
  // overtaken (the user left while the call server was being looked up) and gives up.
  const attemptRef = useRef(0);
  // A join in progress: a second Join (a double click) must not start a second session.
  const joiningRef = useRef(false);

  useEffect(() => (session ? session.engine.subscribe(setSnapshot) : undefined), [session]);

  const leave = useCallback(async () => {
    attemptRef.current += 1;
    const current = sessionRef.current;
    sessionRef.current = null;
    setSession(null);
    setSnapshot(null);
    await current?.leave();
  }, []);

  const join = useCallback(
    async (roomId: string) => {
      if (joiningRef.current) return;
      joiningRef.current = true;
      try {
        if (sessionRef.current) await leave();
        const attempt = ++attemptRef.current;
        setFailure(null);
        // Never a second call beside one on a focus we cannot join (the header offers no Join then;
        // a membership may have arrived since it was drawn).
        if (deps.callFocusOf(client, roomId).kind === 'foreign') {
          setFailure({ roomId, error: 'foreign-call' });
          return;
        }
        const focus = await deps.resolveFocus(client, managed.settings.calls);
        if (attempt !== attemptRef.current) return;
        if (!focus.ok) {
          setFailure({ roomId, error: focus.reason });
          return;
        }
        const encryption = mediaEncryptionFor(managed.settings.calls.mediaEncryption, mediaEncryptionSupported());
        if (encryption === 'unsupported') {
          setFailure({ roomId, error: 'encryption-unsupported' });
          return;
        }
        const next = deps.createSession(client, roomId, focus.focus, { encryptMedia: encryption });
        sessionRef.current = next;
        setSession(next);
        await next.start();
        // Left during the start: leave() has already taken this session down.
        if (attempt !== attemptRef.current) return;
        const state = next.snapshot().state;
        // In the call, but the room does not let us say so: the others will not see us listed.
        if (next.membershipProblem && state.phase === 'joined') setFailure({ roomId, error: 'membership-forbidden' });
        // A first join that fails is explained in the room's header; nothing of it stays.
        if (state.phase === 'failed') {
          next.dispose();
          if (sessionRef.current === next) {
            sessionRef.current = null;
            setSession(null);
            setSnapshot(null);
          }
          setFailure({ roomId, error: state.error });
        }
      } finally {
        joiningRef.current = false;
      }
    },
    [client, managed.settings.calls, leave, deps],
  );

  // Closing the window leaves the call: the SFU sees the socket close, and the membership is
  // cleared (by us if we get the chance, by the delayed leave event otherwise).
  useEffect(() => {
    const onUnload = () => void sessionRef.current?.leave();
    window.addEventListener('pagehide', onUnload);
    return () => window.removeEventListener('pagehide', onUnload);
  }, []);

  const rejoin = useCallback(async () => {
    await sessionRef.current?.rejoin();
  }, []);

  const value = useMemo(
    () => ({ session, snapshot, failure, join, leave, rejoin }),
    [session, snapshot, failure, join, leave, rejoin],
  );
  return (
    <CallContext.Provider value={value}>
      {children}
      <RemoteAudio snapshot={snapshot} />
    </CallContext.Provider>
  );
}

function RemoteAudio({ snapshot }: { snapshot: CallSnapshot | null }) {
  if (!snapshot) return null;
  return <div hidden>{snapshot.participants.map((p) => (p.audio ? <TrackAudio key={p.peerId} track={p.audio} /> : null))}</div>;
}

function TrackAudio({ track }: { track: MediaStreamTrack }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = new MediaStream([track]);
    void audio.play().catch(rendererLogger('calls').swallow('playing call audio', 'info'));
  }, [track]);
  return <audio ref={ref} autoPlay />;
}
