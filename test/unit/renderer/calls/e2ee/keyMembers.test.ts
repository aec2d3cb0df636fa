import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyMembers } from '../../../../../src/renderer/calls/e2ee/keyMembers.ts';
import type { CallDevice, CallMediaEncryption } from '../../../../../src/renderer/calls/e2ee/mediaEncryption.ts';
import { RETURN_GRACE_MS } from '../../../../../src/renderer/calls/e2ee/returningDevices.ts';

const omar = { userId: '@omar:example.org', deviceId: 'OMAR' };
const nadia = { userId: '@nadia:example.org', deviceId: 'NADIA' };

/** Records what the key side is told; the rest of the interface is not used by KeyMembers. */
function recordingEncryption() {
  const calls: string[] = [];
  const names = (devices: readonly CallDevice[]) => devices.map((d) => d.deviceId).join(',');
  const encryption = {
    setMembers: (members: readonly CallDevice[]) => calls.push(`members ${names(members)}`),
    resend: (devices: readonly CallDevice[]) => calls.push(`resend ${names(devices)}`),
    rejoining: () => calls.push('rejoining'),
  };
  return { calls, encryption: encryption as unknown as CallMediaEncryption };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('KeyMembers', () => {
  it('follows who is in the call; without media encryption it does nothing', () => {
    const { calls, encryption } = recordingEncryption();
    let current: CallMediaEncryption | null = null;
    const keys = new KeyMembers(() => current);
    keys.update([nadia]);
    current = encryption;
    keys.update([nadia, omar]);
    expect(calls).toEqual(['members NADIA,OMAR']);
  });

  it('a device replaced by the SFU stays a member while it comes back, and is sent my key again when it does', () => {
    const { calls, encryption } = recordingEncryption();
    const keys = new KeyMembers(() => encryption);
    keys.replaced(omar);
    keys.update([nadia]);
    keys.update([nadia, omar]);
    expect(calls).toEqual(['members NADIA,OMAR', 'members NADIA,OMAR', 'resend OMAR']);
  });

  it('a replaced device not back within the grace has left: the members are told without it then', () => {
    const { calls, encryption } = recordingEncryption();
    const keys = new KeyMembers(() => encryption);
    keys.replaced(omar);
    keys.update([nadia]);
    vi.advanceTimersByTime(RETURN_GRACE_MS);
    expect(calls).toEqual(['members NADIA,OMAR', 'members NADIA']);
  });

  it('while I re-join, an empty call changes nothing; once joined, updates count again', () => {
    const { calls, encryption } = recordingEncryption();
    const keys = new KeyMembers(() => encryption);
    keys.update([nadia]);
    keys.rejoining();
    keys.update([]);
    keys.joined();
    keys.update([nadia]);
    expect(calls).toEqual(['members NADIA', 'rejoining', 'members NADIA']);
  });

  it('stopped: no timer is left to fire', () => {
    const { calls, encryption } = recordingEncryption();
    const keys = new KeyMembers(() => encryption);
    keys.replaced(omar);
    keys.update([nadia]);
    keys.stop();
    vi.advanceTimersByTime(RETURN_GRACE_MS * 2);
    expect(calls).toEqual(['members NADIA,OMAR']);
  });
});
