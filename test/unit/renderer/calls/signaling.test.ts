import { describe, expect, it } from 'vitest';
import { CALL_WS_SUBPROTOCOL, CallError } from '../../../../src/shared/call/index.ts';
import { SignalingClient } from '../../../../src/renderer/calls/signaling.ts';

type Listener = (event: { data?: unknown }) => void;

/** Just enough of a WebSocket for the signaling client: events in, frames out. */
class FakeSocket {
  readonly sent: string[] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  readonly url: string;
  readonly protocol: string;
  constructor(url: string, protocol: string) {
    this.url = url;
    this.protocol = protocol;
  }
  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(type, set);
  }
  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }
  emit(type: string, event: { data?: unknown } = {}): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {
    this.emit('close');
  }
}

async function connected() {
  let socket: FakeSocket | null = null;
  const pending = SignalingClient.connect('ws://127.0.0.1:1/ws', (url, protocol) => {
    socket = new FakeSocket(url, protocol);
    return socket as unknown as WebSocket;
  });
  const s = socket as FakeSocket | null;
  if (!s) throw new Error('no socket');
  s.emit('open');
  return { client: await pending, socket: s };
}

describe('signaling client', () => {
  it('offers the protocol version, correlates answers to requests, and hands out notifications', async () => {
    const { client, socket } = await connected();
    expect(socket.protocol).toBe(CALL_WS_SUBPROTOCOL);
    const notifications: string[] = [];
    client.onNotification((n) => notifications.push(n.method));
    const answer = client.request('getRouterRtpCapabilities', {});
    const sent = JSON.parse(socket.sent[0] ?? '{}') as { id: number; method: string };
    expect(sent.method).toBe('getRouterRtpCapabilities');
    socket.emit('message', { data: JSON.stringify({ kind: 'notification', method: 'activeSpeaker', data: { peerId: 'p1' } }) });
    socket.emit('message', {
      data: JSON.stringify({ kind: 'response', id: sent.id, ok: true, data: { rtpCapabilities: { codecs: [] } } }),
    });
    await expect(answer).resolves.toEqual({ rtpCapabilities: { codecs: [] } });
    expect(notifications).toEqual(['activeSpeaker']);
  });

  it('turns the SFU refusal into a typed error the UI can explain', async () => {
    const { client, socket } = await connected();
    const join = client.request('getRouterRtpCapabilities', {});
    const { id } = JSON.parse(socket.sent[0] ?? '{}') as { id: number };
    socket.emit('message', {
      data: JSON.stringify({ kind: 'response', id, ok: false, error: { code: 'auth-not-member', message: 'not in the room' } }),
    });
    await expect(join).rejects.toMatchObject({ code: 'auth-not-member' });
  });

  it('reports a dropped connection (not one we closed) and fails what was pending', async () => {
    const { client, socket } = await connected();
    let dropped = 0;
    client.onUnexpectedClose(() => (dropped += 1));
    const pending = client.request('leave', {});
    socket.emit('close');
    await expect(pending).rejects.toBeInstanceOf(CallError);
    expect(dropped).toBe(1);

    const second = await connected();
    second.client.onUnexpectedClose(() => (dropped += 1));
    second.client.close();
    expect(dropped).toBe(1);
  });

  it('rejects when the SFU cannot be reached', async () => {
    let socket: FakeSocket | null = null;
    const pending = SignalingClient.connect('ws://127.0.0.1:1/ws', (url, protocol) => {
      socket = new FakeSocket(url, protocol);
      return socket as unknown as WebSocket;
    });
    (socket as FakeSocket | null)?.emit('error');
    await expect(pending).rejects.toMatchObject({ code: 'connection-closed' });
  });
});
