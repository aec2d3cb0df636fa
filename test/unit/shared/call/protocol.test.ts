import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CallError,
  createCallRequester,
  encodeErrorResponse,
  encodeNotification,
  encodeResponse,
  parseCallRequest,
  parseServerMessage,
  type ResponseEnvelope,
} from '../../../../src/shared/call/index.ts';

const rtpCapabilities = {
  codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }],
  headerExtensions: [],
};
const joinData = {
  openIdToken: { access_token: 'tok', token_type: 'Bearer', matrix_server_name: 'example.org', expires_in: 3600 },
  userId: '@alice:example.org',
  deviceId: 'DEV',
  roomId: '!room:example.org',
  rtpCapabilities,
};

function request(method: string, data: unknown, id = 7) {
  return JSON.stringify({ kind: 'request', id, method, data });
}

describe('call protocol: requests', () => {
  it('accepts a valid join and keeps mediasoup structures as they are', () => {
    const result = parseCallRequest(request('join', joinData));
    expect(result.ok).toBe(true);
    if (result.ok && result.request.method === 'join') {
      expect(result.request.data.rtpCapabilities).toEqual(rtpCapabilities);
      expect(result.request.id).toBe(7);
    }
  });

  it('refuses malformed JSON and envelopes without an id as bad-request', () => {
    expect(parseCallRequest('{nope')).toMatchObject({ ok: false, id: null, error: { code: 'bad-request' } });
    expect(parseCallRequest(JSON.stringify({ kind: 'request', method: 'join' }))).toMatchObject({ ok: false, id: null });
  });

  it('answers an unknown method with its id', () => {
    expect(parseCallRequest(request('explode', {}, 3))).toMatchObject({ ok: false, id: 3, error: { code: 'unknown-method' } });
  });

  it.each([
    ['a user id that is not a Matrix id', { ...joinData, userId: 'alice' }],
    ['a room alias instead of a room id', { ...joinData, roomId: '#room:example.org' }],
    ['no token', { ...joinData, openIdToken: undefined }],
    ['RTP capabilities of the wrong shape', { ...joinData, rtpCapabilities: { codecs: 'opus' } }],
  ])('refuses a join with %s', (_what, data) => {
    expect(parseCallRequest(request('join', data))).toMatchObject({ ok: false, id: 7, error: { code: 'bad-request' } });
  });

  it('validates produce parameters and sources', () => {
    const rtpParameters = { codecs: [{ mimeType: 'video/VP8', clockRate: 90000, payloadType: 101 }], encodings: [{ ssrc: 1 }] };
    const ok = parseCallRequest(request('produce', { transportId: 't', kind: 'video', rtpParameters, source: 'camera' }));
    expect(ok.ok).toBe(true);
    const bad = parseCallRequest(request('produce', { transportId: 't', kind: 'video', rtpParameters, source: 'webcam' }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('takes a consume with or without the simulcast layer wanted, and refuses a layer out of range', () => {
    const plain = parseCallRequest(request('consume', { transportId: 't', producerId: 'p' }));
    expect(plain).toMatchObject({ ok: true, request: { method: 'consume', data: { transportId: 't', producerId: 'p' } } });
    const layered = parseCallRequest(request('consume', { transportId: 't', producerId: 'p', spatialLayer: 1 }));
    expect(layered).toMatchObject({ ok: true, request: { data: { spatialLayer: 1 } } });
    for (const spatialLayer of [-1, 16, 1.5, '1'])
      expect(parseCallRequest(request('consume', { transportId: 't', producerId: 'p', spatialLayer }))).toMatchObject({
        ok: false,
        id: 7,
        error: { code: 'bad-request' },
      });
  });

  it('treats missing data as an empty object', () => {
    expect(parseCallRequest(JSON.stringify({ kind: 'request', id: 1, method: 'leave' }))).toMatchObject({ ok: true });
  });
});

describe('call protocol: server messages', () => {
  it('parses notifications into a tagged union', () => {
    const parsed = parseServerMessage(encodeNotification('peerLeft', { peerId: 'p1' }));
    expect(parsed).toEqual({
      ok: true,
      message: { kind: 'notification', notification: { method: 'peerLeft', data: { peerId: 'p1' } } },
    });
  });

  it('peerLeft says when the same device joined again (replaced), in a field an older client would ignore', () => {
    const parsed = parseServerMessage(encodeNotification('peerLeft', { peerId: 'p1', replaced: true }));
    expect(parsed).toMatchObject({ ok: true, message: { notification: { data: { peerId: 'p1', replaced: true } } } });
    // What a client that knows only peerId and reason reads: an ordinary leave (unknown keys are dropped).
    const older = parseServerMessage(
      JSON.stringify({ kind: 'notification', method: 'peerLeft', data: { peerId: 'p1', other: 1 } }),
    );
    expect(older).toMatchObject({ ok: true, message: { notification: { data: { peerId: 'p1' } } } });
  });

  it('refuses unknown notifications and invalid data', () => {
    expect(parseServerMessage(JSON.stringify({ kind: 'notification', method: 'party', data: {} })).ok).toBe(false);
    expect(parseServerMessage(JSON.stringify({ kind: 'notification', method: 'peerLeft', data: {} })).ok).toBe(false);
  });

  it('parses responses, ok and failed', () => {
    expect(parseServerMessage(encodeResponse(1, 'leave', {}))).toMatchObject({ ok: true, message: { kind: 'response' } });
    const failed = parseServerMessage(encodeErrorResponse(2, { code: 'auth-not-member', message: 'no' }));
    expect(failed).toMatchObject({ ok: true, message: { response: { ok: false, error: { code: 'auth-not-member' } } } });
  });
});

describe('call protocol: request correlator', () => {
  afterEach(() => vi.useRealTimers());

  function harness(timeoutMs = 1000) {
    const sent: { id: number; method: string }[] = [];
    const requester = createCallRequester({
      send: (text) => sent.push(JSON.parse(text) as { id: number; method: string }),
      timeoutMs,
    });
    const answer = (response: ResponseEnvelope) => requester.handleResponse(response);
    return { sent, requester, answer };
  }

  it('resolves the matching request with validated data', async () => {
    const { sent, requester, answer } = harness();
    const a = requester.request('getRouterRtpCapabilities', {});
    const b = requester.request('leave', {});
    expect(sent.map((m) => m.method)).toEqual(['getRouterRtpCapabilities', 'leave']);
    expect(answer({ kind: 'response', id: sent[1]!.id, ok: true, data: {} })).toBe(true);
    expect(answer({ kind: 'response', id: sent[0]!.id, ok: true, data: { rtpCapabilities } })).toBe(true);
    await expect(a).resolves.toEqual({ rtpCapabilities });
    await expect(b).resolves.toEqual({});
    expect(requester.pendingCount).toBe(0);
  });

  it('rejects with the server error code', async () => {
    const { sent, requester, answer } = harness();
    const p = requester.request('join', joinData);
    answer({ kind: 'response', id: sent[0]!.id, ok: false, error: { code: 'auth-invalid-token', message: 'expired' } });
    await expect(p).rejects.toMatchObject({ name: 'CallError', code: 'auth-invalid-token', message: 'expired' });
  });

  it('rejects a malformed answer as bad-response and ignores unknown ids', async () => {
    const { sent, requester, answer } = harness();
    const p = requester.request('produce', {
      transportId: 't',
      kind: 'audio',
      source: 'microphone',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', clockRate: 48000, payloadType: 100 }] },
    });
    expect(answer({ kind: 'response', id: 999, ok: true, data: {} })).toBe(false);
    answer({ kind: 'response', id: sent[0]!.id, ok: true, data: { producerId: 42 } });
    await expect(p).rejects.toMatchObject({ code: 'bad-response' });
  });

  it('times out, and a late answer is ignored', async () => {
    vi.useFakeTimers();
    const { sent, requester, answer } = harness(500);
    const p = requester.request('leave', {});
    const assertion = expect(p).rejects.toMatchObject({ code: 'timeout' });
    await vi.advanceTimersByTimeAsync(501);
    await assertion;
    expect(answer({ kind: 'response', id: sent[0]!.id, ok: true, data: {} })).toBe(false);
  });

  it('fails everything pending when the connection closes, and when send throws', async () => {
    const { requester } = harness();
    const p1 = requester.request('leave', {});
    const p2 = requester.request('getRouterRtpCapabilities', {});
    requester.failAll(new CallError('connection-closed', 'socket closed'));
    await expect(p1).rejects.toMatchObject({ code: 'connection-closed' });
    await expect(p2).rejects.toMatchObject({ code: 'connection-closed' });
    const broken = createCallRequester({
      send: () => {
        throw new Error('closed');
      },
    });
    await expect(broken.request('leave', {})).rejects.toMatchObject({ code: 'connection-closed' });
    expect(broken.pendingCount).toBe(0);
  });
});
