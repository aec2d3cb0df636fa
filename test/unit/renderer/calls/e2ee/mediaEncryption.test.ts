// The key sharing of MediaEncryption around a re-join, with its worker and key transport replaced by
// recorders: what it hands the worker (keys set, used, forgotten) and whom it sends which key index.
import type { IKeyTransport } from 'matrix-js-sdk/lib/matrixrtc/IKeyTransport.js';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaEncryption, type CallDevice } from '../../../../../src/renderer/calls/e2ee/mediaEncryption.ts';
import type { ToWorker } from '../../../../../src/renderer/calls/e2ee/protocol.ts';

const nadia: CallDevice = { userId: '@nadia:example.org', deviceId: 'NADIA' };
const sven: CallDevice = { userId: '@sven:example.org', deviceId: 'SVEN' };

function setUp() {
  const toWorker: ToWorker[] = [];
  const sent: { index: number; to: string[] }[] = [];
  const worker = { postMessage: (m: ToWorker) => toWorker.push(m), terminate: () => undefined, onmessage: null };
  const transport: IKeyTransport = {
    sendKey: (_key: string, index: number, members: { deviceId: string }[]) => {
      sent.push({ index, to: members.map((m) => m.deviceId) });
      return Promise.resolve();
    },
    on: () => transport,
    off: () => transport,
    start: () => undefined,
    stop: () => undefined,
  };
  const encryption = new MediaEncryption({
    transport,
    mayReceiveKeys: () => true,
    changed: () => undefined,
    createWorker: () => worker as unknown as Worker,
  });
  const forgotten = () => toWorker.flatMap((m) => (m.type === 'forget' ? [m.participant] : []));
  const ownKeys = () => toWorker.filter((m) => m.type === 'set-key' && m.participant === 'self').length;
  return { encryption, sent, forgotten, ownKeys };
}

let stop: (() => void) | null = null;
afterEach(() => stop?.());

describe('MediaEncryption around a re-join', () => {
  it('an ordinary update with the same members sends nothing', () => {
    const { encryption, sent } = setUp();
    stop = () => encryption.stop();
    encryption.setMembers([nadia]);
    expect(sent).toEqual([{ index: 0, to: ['NADIA'] }]);
    encryption.setMembers([nadia]);
    expect(sent).toHaveLength(1);
  });

  it('re-joining keeps every key (no forget, no new key) and sends mine again to those still there', () => {
    const { encryption, sent, forgotten, ownKeys } = setUp();
    stop = () => encryption.stop();
    encryption.setMembers([nadia]);
    encryption.rejoining();
    encryption.setMembers([nadia]);
    expect(forgotten()).toEqual([]);
    expect(ownKeys()).toBe(1);
    expect(sent).toEqual([
      { index: 0, to: ['NADIA'] },
      { index: 0, to: ['NADIA'] },
    ]);
    // Once: the next update is an ordinary one.
    encryption.setMembers([nadia]);
    expect(sent).toHaveLength(2);
  });

  it('someone who left while I was re-joining: forgotten, and a new key for those still there', () => {
    const { encryption, sent, forgotten, ownKeys } = setUp();
    stop = () => encryption.stop();
    encryption.setMembers([nadia, sven]);
    encryption.rejoining();
    encryption.setMembers([nadia]);
    expect(forgotten()).toEqual(['@sven:example.org|SVEN']);
    expect(ownKeys()).toBe(2);
    expect(sent.at(-1)).toEqual({ index: 1, to: ['NADIA'] });
  });

  it('resend sends the current key to a device back after its peer was replaced', () => {
    const { encryption, sent } = setUp();
    stop = () => encryption.stop();
    encryption.setMembers([nadia]);
    encryption.resend([nadia]);
    expect(sent).toEqual([
      { index: 0, to: ['NADIA'] },
      { index: 0, to: ['NADIA'] },
    ]);
  });
});
