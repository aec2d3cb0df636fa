// Peer bookkeeping without a worker: ownership checks and what others are told about a peer.
import type { types } from 'mediasoup';
import { describe, expect, it, vi } from 'vitest';
import { Peer } from '../../../sfu/src/peer.ts';

function peer(displayName?: string) {
  return new Peer({
    id: 'p1',
    userId: '@alice:example.org',
    deviceId: 'DEV',
    displayName,
    rtpCapabilities: {},
    notify: vi.fn(),
    onEvicted: vi.fn(),
    onRemoved: vi.fn(),
  });
}

const fakeTransport = (id: string, close = vi.fn()) => ({ id, close }) as unknown as types.WebRtcTransport;
const fakeProducer = (id: string, kind: 'audio' | 'video', paused: boolean) =>
  ({ id, kind, paused }) as unknown as types.Producer;

describe('call peer', () => {
  it('describes itself with what it sends', () => {
    const alice = peer('Alice');
    alice.producers.set('m1', { producer: fakeProducer('m1', 'audio', false), source: 'microphone' });
    alice.producers.set('s1', { producer: fakeProducer('s1', 'video', true), source: 'screen' });
    expect(alice.info()).toEqual({
      peerId: 'p1',
      userId: '@alice:example.org',
      deviceId: 'DEV',
      displayName: 'Alice',
      producers: [
        { producerId: 'm1', kind: 'audio', source: 'microphone', paused: false },
        { producerId: 's1', kind: 'video', source: 'screen', paused: true },
      ],
    });
    expect(peer().info()).not.toHaveProperty('displayName');
  });

  it('finds only its own objects, and transports of the right direction', () => {
    const alice = peer();
    const send = fakeTransport('t-send');
    alice.transports.set('t-send', { transport: send, direction: 'send' });
    expect(alice.transport('t-send')).toBe(send);
    expect(alice.transport('t-send', 'send')).toBe(send);
    expect(() => alice.transport('t-send', 'recv')).toThrow(expect.objectContaining({ code: 'bad-request' }));
    expect(() => alice.transport('someone-elses')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => alice.producer('x')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => alice.consumer('x')).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('closes all its transports when it leaves', () => {
    const alice = peer();
    const closeA = vi.fn();
    const closeB = vi.fn();
    const a = fakeTransport('a', closeA);
    const b = fakeTransport('b', closeB);
    alice.transports.set('a', { transport: a, direction: 'send' });
    alice.transports.set('b', { transport: b, direction: 'recv' });
    alice.producers.set('m1', { producer: fakeProducer('m1', 'audio', false), source: 'microphone' });
    alice.closeMedia();
    expect(closeA).toHaveBeenCalledOnce();
    expect(closeB).toHaveBeenCalledOnce();
    expect(alice.transports.size + alice.producers.size + alice.consumers.size).toBe(0);
  });
});
