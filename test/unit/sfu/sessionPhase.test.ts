import { describe, expect, it } from 'vitest';
import { CALL_METHODS } from '../../../src/shared/call/index.ts';
import {
  MAX_HELD_DURING_JOIN,
  nextPhase,
  refuseInPhase,
  waitsForJoin,
  type SessionEvent,
  type SessionPhase,
} from '../../../sfu/src/sessionPhase.ts';

describe('signaling session state machine', () => {
  it('before join, allows only router capabilities, join and leave', () => {
    const allowed = CALL_METHODS.filter((method) => refuseInPhase('connected', method) === null);
    expect(allowed.sort()).toEqual(['getRouterRtpCapabilities', 'join', 'leave']);
    expect(refuseInPhase('connected', 'produce')?.code).toBe('not-joined');
    expect(refuseInPhase('joining', 'createWebRtcTransport')?.code).toBe('not-joined');
  });

  it('allows everything but a second join once joined', () => {
    for (const method of CALL_METHODS)
      expect(refuseInPhase('joined', method)?.code ?? null).toBe(method === 'join' ? 'already-joined' : null);
    expect(refuseInPhase('joining', 'join')?.code).toBe('already-joined');
  });

  it('holds a few requests that arrive while a join is verified, and only then', () => {
    expect(waitsForJoin('joining', 'createWebRtcTransport', 0)).toBe(true);
    expect(waitsForJoin('joining', 'produce', MAX_HELD_DURING_JOIN - 1)).toBe(true);
    // Beyond the cap, decided at once: refused, since the join is not over.
    expect(waitsForJoin('joining', 'createWebRtcTransport', MAX_HELD_DURING_JOIN)).toBe(false);
    expect(refuseInPhase('joining', 'createWebRtcTransport')?.code).toBe('not-joined');
    // Nothing waits outside a join in progress, nor do the requests allowed before a join.
    for (const phase of ['connected', 'joined', 'closed'] as const)
      expect(waitsForJoin(phase, 'createWebRtcTransport', 0)).toBe(false);
    for (const method of ['join', 'getRouterRtpCapabilities', 'leave'] as const)
      expect(waitsForJoin('joining', method, 0)).toBe(false);
    // Once the join is over, a held request is decided as any other: run if joined, refused if not.
    expect(refuseInPhase(nextPhase('joining', 'join-succeeded'), 'createWebRtcTransport')).toBeNull();
    expect(refuseInPhase(nextPhase('joining', 'join-failed'), 'createWebRtcTransport')?.code).toBe('not-joined');
  });

  it('refuses everything once closed', () => {
    for (const method of CALL_METHODS) expect(refuseInPhase('closed', method)?.code).toBe('connection-closed');
  });

  const walk = (events: SessionEvent[]): SessionPhase => events.reduce<SessionPhase>(nextPhase, 'connected');

  it('follows join, refusal, leave, eviction and close', () => {
    expect(walk(['join-started'])).toBe('joining');
    expect(walk(['join-started', 'join-succeeded'])).toBe('joined');
    expect(walk(['join-started', 'join-failed'])).toBe('connected');
    expect(walk(['join-started', 'join-succeeded', 'left'])).toBe('connected');
    expect(walk(['join-started', 'join-succeeded', 'evicted', 'join-started', 'join-succeeded'])).toBe('joined');
    expect(walk(['join-started', 'socket-closed', 'join-succeeded'])).toBe('closed');
    expect(walk(['socket-closed', 'join-started'])).toBe('closed');
  });

  it('ignores events that do not apply in the current phase', () => {
    expect(walk(['join-succeeded'])).toBe('connected');
    expect(walk(['join-started', 'join-succeeded', 'join-started'])).toBe('joined');
    expect(walk(['join-started', 'join-succeeded', 'join-failed'])).toBe('joined');
  });
});
