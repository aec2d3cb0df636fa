import { describe, expect, it } from 'vitest';
import { callMessageSchema, nodeMessageSchema, parseMessage } from '../../../../sfu/src/cluster/messages.ts';

describe('cluster messages', () => {
  it('parses node requests and both kinds of reply', () => {
    const open = { type: 'pipe-open', from: 'b', requestId: 'r1', roomId: '!r:hs', tuple: { ip: '127.0.0.1', port: 40001 } };
    expect(parseMessage(nodeMessageSchema, JSON.stringify(open))).toEqual(open);
    const consume = { type: 'pipe-consume', from: 'b', requestId: 'r2', roomId: '!r:hs', producerId: 'p' };
    expect(parseMessage(nodeMessageSchema, JSON.stringify(consume))).toEqual(consume);
    const ok = { type: 'reply', requestId: 'r1', ok: true, data: { tuple: { ip: '127.0.0.1', port: 40002 } } };
    expect(parseMessage(nodeMessageSchema, JSON.stringify(ok))).toEqual(ok);
    const failed = { type: 'reply', requestId: 'r2', ok: false, error: 'no call' };
    expect(parseMessage(nodeMessageSchema, JSON.stringify(failed))).toEqual(failed);
  });

  it('parses call announcements with their producers', () => {
    const peers = {
      type: 'peers',
      node: 'a',
      roomId: '!r:hs',
      joined: true,
      peers: [
        {
          peerId: 'p1',
          userId: '@a:hs',
          deviceId: 'D',
          displayName: 'Alice',
          producers: [{ producerId: 'x', kind: 'audio', source: 'microphone', paused: false }],
        },
      ],
    };
    expect(parseMessage(callMessageSchema, JSON.stringify(peers))).toEqual(peers);
  });

  it('drops what is not JSON, an unknown type, or a bad field, instead of applying part of it', () => {
    expect(parseMessage(callMessageSchema, 'not json')).toBeNull();
    expect(parseMessage(callMessageSchema, JSON.stringify({ type: 'explode', node: 'a', roomId: 'r' }))).toBeNull();
    const badPort = { type: 'pipe-open', from: 'b', requestId: 'r', roomId: 'r', tuple: { ip: '127.0.0.1', port: 0 } };
    expect(parseMessage(nodeMessageSchema, JSON.stringify(badPort))).toBeNull();
    const badSource = {
      type: 'producer',
      node: 'a',
      roomId: 'r',
      peerId: 'p',
      producer: { producerId: 'x', kind: 'audio', source: 'tv', paused: false },
    };
    expect(parseMessage(callMessageSchema, JSON.stringify(badSource))).toBeNull();
  });
});
