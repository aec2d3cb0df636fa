// The requests a call client sends to the SFU, each with the schema of its data and of the answer.
// The server validates requests against these; the app's types are inferred from them.
//
// Flow (as in mediasoup-demo): getRouterRtpCapabilities → (client loads its Device) → join →
// createWebRtcTransport ×2 (send, recv) → connect on first use → produce; for each producer announced
// (join answer or `newProducer`) the client asks `consume` (for a simulcast camera, with the layer it
// wants), gets a *paused* consumer, creates it locally and then sends `resumeConsumer`, so no media is
// lost before the client is ready. The client chooses what it consumes (a paged grid need not receive
// off-screen video).
import { z } from 'zod';
import {
  dtlsParametersSchema,
  iceServerSchema,
  mediaKindSchema,
  mediaSourceSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  sctpCapabilitiesSchema,
  serverMediaBlobSchema,
} from './media.ts';

const id = z.string().min(1).max(128);
const empty = z.object({});

/** The token from `POST /_matrix/client/v3/user/{userId}/openid/request_token`, passed verbatim. */
export const openIdTokenSchema = z.object({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().optional(),
  matrix_server_name: z.string().min(1).max(255),
  expires_in: z.number().optional(),
});
export type OpenIdToken = z.infer<typeof openIdTokenSchema>;

export const producerInfoSchema = z.object({
  producerId: id,
  kind: mediaKindSchema,
  source: mediaSourceSchema,
  paused: z.boolean(),
});
export type ProducerInfo = z.infer<typeof producerInfoSchema>;

export const peerInfoSchema = z.object({
  /** The SFU's id for this participant (one per connection; a user may join from several devices). */
  peerId: id,
  userId: z.string(),
  deviceId: z.string(),
  displayName: z.string().optional(),
  producers: z.array(producerInfoSchema),
});
export type PeerInfo = z.infer<typeof peerInfoSchema>;

const transportRef = z.object({ transportId: id });
const producerRef = z.object({ producerId: id });
const consumerRef = z.object({ consumerId: id });
/** A simulcast or SVC layer index (mediasoup's; 0 is the smallest). */
const layer = z.number().int().min(0).max(15);

/**
 * How much of a call each client receives, sized by the SFU's operator (they know how big their calls
 * get): the video of the last `lastN` active speakers besides what is on screen; audio from everyone
 * while the call has at most `audioAllUpTo` microphones, else from the `loudestK` most recent speakers.
 */
export const subscriptionSizesSchema = z.object({
  lastN: z.number().int().min(0).max(50),
  audioAllUpTo: z.number().int().min(0).max(1000),
  loudestK: z.number().int().min(1).max(50),
});
export type SubscriptionSizes = z.output<typeof subscriptionSizesSchema>;

export const callRequests = {
  /** Allowed before join: the codec list is the same for every call on this SFU and is not secret. */
  getRouterRtpCapabilities: {
    request: empty,
    response: z.object({ rtpCapabilities: serverMediaBlobSchema }),
  },
  join: {
    request: z.object({
      openIdToken: openIdTokenSchema,
      /** The Matrix user id the token should belong to, e.g. @alice:example.org. */
      userId: z.string().regex(/^@[^:]+:.+$/, 'a Matrix user id'),
      deviceId: z.string().min(1).max(255),
      /** The Matrix room the call belongs to: only its joined members may join. */
      roomId: z.string().regex(/^![^:]+(:.+)?$/, 'a Matrix room id'),
      displayName: z.string().max(256).optional(),
      /** The client's Device.rtpCapabilities, needed to consume. */
      rtpCapabilities: rtpCapabilitiesSchema,
    }),
    response: z.object({
      peerId: id,
      /** The others already in the call, with what they send. */
      peers: z.array(peerInfoSchema),
      /** Only the TURN/STUN servers the SFU's configuration names (with short-lived credentials). */
      iceServers: z.array(iceServerSchema),
      /** Absent from SFUs older than this field: the app then uses its own defaults. */
      subscription: subscriptionSizesSchema.optional(),
    }),
  },
  createWebRtcTransport: {
    request: z.object({
      direction: z.enum(['send', 'recv']),
      forceTcp: z.boolean().optional(),
      sctpCapabilities: sctpCapabilitiesSchema.optional(),
    }),
    response: z.object({
      transportId: id,
      iceParameters: serverMediaBlobSchema,
      iceCandidates: z.array(serverMediaBlobSchema),
      dtlsParameters: serverMediaBlobSchema,
      sctpParameters: serverMediaBlobSchema.optional(),
    }),
  },
  connectWebRtcTransport: {
    request: z.object({ transportId: id, dtlsParameters: dtlsParametersSchema }),
    response: empty,
  },
  /** After media drops: new ICE credentials for the transport; the client calls transport.restartIce. */
  restartIce: {
    request: transportRef,
    response: z.object({ iceParameters: serverMediaBlobSchema }),
  },
  produce: {
    request: z.object({
      transportId: id,
      kind: mediaKindSchema,
      rtpParameters: rtpParametersSchema,
      source: mediaSourceSchema,
      paused: z.boolean().optional(),
    }),
    response: z.object({ producerId: id }),
  },
  closeProducer: { request: producerRef, response: empty },
  pauseProducer: { request: producerRef, response: empty },
  resumeProducer: { request: producerRef, response: empty },
  /** Answers a consumer created paused: create it locally, then send resumeConsumer. */
  consume: {
    request: z.object({
      transportId: id,
      producerId: id,
      /** Simulcast/SVC: the best spatial layer wanted from the start (saves a setConsumerPreferredLayers before resume). */
      spatialLayer: layer.optional(),
    }),
    response: z.object({
      consumerId: id,
      producerId: id,
      peerId: id,
      kind: mediaKindSchema,
      source: mediaSourceSchema,
      rtpParameters: serverMediaBlobSchema,
      /** simple | simulcast | svc | pipe, as mediasoup reports it. */
      type: z.string(),
      /** The sender has paused (muted) it: no media until consumerResumed / producerResumed. */
      producerPaused: z.boolean(),
    }),
  },
  resumeConsumer: { request: consumerRef, response: empty },
  pauseConsumer: { request: consumerRef, response: empty },
  /** Simulcast/SVC: the best layers this client wants (e.g. lower for a small tile). */
  setConsumerPreferredLayers: {
    request: z.object({
      consumerId: id,
      spatialLayer: layer,
      temporalLayer: layer.optional(),
    }),
    response: empty,
  },
  requestConsumerKeyFrame: { request: consumerRef, response: empty },
  /**
   * Load testing only (the SFU's `loadTest.plainTransports`, off by default; refused with
   * unknown-method otherwise): a plain RTP transport for browserless synthetic participants
   * (scripts/bench-call), unauthenticated at the transport level. With `srtp`, media is SRTP
   * (AES_CM_128_HMAC_SHA1_80) with keys exchanged here, so the SFU does the crypto work of WebRTC.
   * A send transport learns its peer's address from the first packet (comedia); a recv transport is
   * told it by connectPlainTransport, which also carries the client's SRTP key.
   */
  createPlainTransport: {
    request: z.object({ direction: z.enum(['send', 'recv']), srtp: z.boolean().optional() }),
    response: z.object({
      transportId: id,
      ip: z.string(),
      port: z.number().int(),
      /** The key the SFU encrypts with (srtp only). */
      srtpParameters: serverMediaBlobSchema.optional(),
    }),
  },
  connectPlainTransport: {
    request: z.object({
      transportId: id,
      /** recv transports: where the SFU sends. */
      ip: z.ipv4().optional(),
      port: z.number().int().min(1).max(65535).optional(),
      /** srtp transports: the key the client encrypts with. */
      srtpParameters: z.object({ cryptoSuite: z.literal('AES_CM_128_HMAC_SHA1_80'), keyBase64: z.base64().max(64) }).optional(),
    }),
    response: empty,
  },
  leave: { request: empty, response: empty },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type CallMethod = keyof typeof callRequests;
export type CallRequestData<M extends CallMethod> = z.input<(typeof callRequests)[M]['request']>;
export type CallResponseData<M extends CallMethod> = z.output<(typeof callRequests)[M]['response']>;

export const CALL_METHODS = Object.keys(callRequests) as CallMethod[];

export function isCallMethod(value: unknown): value is CallMethod {
  return typeof value === 'string' && Object.hasOwn(callRequests, value);
}
