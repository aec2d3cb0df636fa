// connectivity.ts is renderer code (window, navigator.onLine); tsconfig.node.json, which type-checks
// test/, has only the ES and Node libs.
import { SyncState, type SyncStateData } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { syncSignal } from '../../../../src/renderer/matrix/connectivity.ts';
import {
  cameBackOnline,
  connectivityFrom,
  type Connectivity,
  type ConnectivitySignals,
} from '../../../../src/renderer/matrix/connectivityRules.ts';

const fromCache: SyncStateData = { fromCache: true };

describe('syncSignal', () => {
  it.each([
    [SyncState.Prepared, 'syncing'],
    [SyncState.Syncing, 'syncing'],
    [SyncState.Catchup, 'catching-up'],
    [SyncState.Error, 'error'],
    [SyncState.Stopped, 'stopped'],
    [SyncState.Reconnecting, 'starting'],
    [null, 'starting'],
  ] as const)('maps %s to %s', (state, signal) => {
    expect(syncSignal(state)).toBe(signal);
    expect(syncSignal(state, null)).toBe(signal);
    expect(syncSignal(state, {})).toBe(signal);
  });

  it('treats any state read back from the cache as starting: it says nothing about the network', () => {
    for (const state of [SyncState.Prepared, SyncState.Syncing, SyncState.Error, SyncState.Catchup, null]) {
      expect(syncSignal(state, fromCache)).toBe('starting');
    }
  });

  it('does not treat fromCache: false as cached', () => {
    expect(syncSignal(SyncState.Prepared, { fromCache: false })).toBe('syncing');
  });
});

/** Replays the SDK's sync events against fixed network signals, as monitorConnectivity does. */
function replay(
  network: Omit<ConnectivitySignals, 'sync'>,
  events: readonly (readonly [SyncState | null, SyncStateData?])[],
): Connectivity[] {
  return events.map(([state, data]) => connectivityFrom({ ...network, sync: syncSignal(state, data) }));
}

describe('connectivity from sync events', () => {
  it('a cold start from the cache with no network is offline throughout', () => {
    expect(
      replay({ browserOnline: false, systemOnline: false }, [
        [null],
        [SyncState.Prepared, fromCache],
        [SyncState.Reconnecting],
        [SyncState.Error],
      ]),
    ).toEqual(['offline', 'offline', 'offline', 'offline']);
  });

  it('a cold start from the cache is offline when only the system says so (navigator.onLine lags)', () => {
    expect(replay({ browserOnline: true, systemOnline: false }, [[SyncState.Prepared, fromCache]])).toEqual(['offline']);
  });

  it('the cache, then a live sync: connecting until the server answers, then online', () => {
    const states = replay({ browserOnline: true, systemOnline: true }, [
      [null],
      [SyncState.Prepared, fromCache],
      [SyncState.Prepared],
      [SyncState.Syncing],
    ]);
    expect(states).toEqual(['connecting', 'connecting', 'online', 'online']);
    expect(cameBackOnline('connecting', 'online')).toBe(true);
  });

  it('the cache, then the server unreachable although the network is up: offline after the error', () => {
    expect(
      replay({ browserOnline: true, systemOnline: null }, [
        [SyncState.Prepared, fromCache],
        [SyncState.Reconnecting],
        [SyncState.Error],
      ]),
    ).toEqual(['connecting', 'connecting', 'offline']);
  });

  it('a live session that loses the server and catches up again', () => {
    const states = replay({ browserOnline: true, systemOnline: null }, [
      [SyncState.Syncing],
      [SyncState.Reconnecting],
      [SyncState.Error],
      [SyncState.Catchup],
      [SyncState.Syncing],
    ]);
    expect(states).toEqual(['online', 'connecting', 'offline', 'connecting', 'online']);
    const flushes = states.slice(1).filter((next, i) => cameBackOnline(states[i] ?? 'offline', next));
    expect(flushes).toHaveLength(1);
  });
});
