// What SFU nodes tell each other over Redis pub/sub. Call channels carry what happens to each node's
// own participants (every node of the call listens); node channels carry requests to one node (pipe
// transports and pipe consumers) and their answers. Parsed strictly: a message from a node of
// another version is dropped, not half-applied.
import { z } from 'zod';
import { mediaSourceSchema } from '../../../src/shared/call/index.ts';

const peerInfo = z.object({
  peerId: z.string().min(1),
  userId: z.string().min(1),
  deviceId: z.string().min(1),
  displayName: z.string().optional(),
});

const producerInfo = z.object({
  producerId: z.string().min(1),
  kind: z.enum(['audio', 'video']),
  source: mediaSourceSchema,
  paused: z.boolean(),
});

/** On a call's channel, `relais:call:<roomId>`. `node`: the sender. */
export const callMessageSchema = z.discriminatedUnion('type', [
  /** A node has a first participant in the call: the others announce theirs. */
  z.object({ type: z.literal('hello'), node: z.string(), roomId: z.string() }),
  /** A node's participants, with their producers (`joined`: one who just joined; else answering hello). */
  z.object({
    type: z.literal('peers'),
    node: z.string(),
    roomId: z.string(),
    joined: z.boolean().default(false),
    peers: z.array(peerInfo.extend({ producers: z.array(producerInfo) })),
  }),
  z.object({
    type: z.literal('peer-left'),
    node: z.string(),
    roomId: z.string(),
    peerId: z.string(),
    /** The same device joined again on that node (a field older nodes ignore). */
    replaced: z.boolean().optional(),
  }),
  z.object({ type: z.literal('producer'), node: z.string(), roomId: z.string(), peerId: z.string(), producer: producerInfo }),
  z.object({
    type: z.literal('producer-closed'),
    node: z.string(),
    roomId: z.string(),
    peerId: z.string(),
    producerId: z.string(),
  }),
  z.object({
    type: z.literal('producer-paused'),
    node: z.string(),
    roomId: z.string(),
    peerId: z.string(),
    producerId: z.string(),
    paused: z.boolean(),
  }),
  /** The call ended on that node (last participant gone, worker died, node stopping). */
  z.object({ type: z.literal('call-ended'), node: z.string(), roomId: z.string() }),
]);
export type CallMessage = z.infer<typeof callMessageSchema>;
export type AnnouncedPeer = Extract<CallMessage, { type: 'peers' }>['peers'][number];

/** A pipe transport's end: where it listens, and its SRTP key (media between nodes is encrypted). */
const tuple = z.object({
  ip: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  srtpParameters: z.object({
    cryptoSuite: z.enum(['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32']),
    keyBase64: z.string().min(1),
  }),
});

/** On a node's channel, `relais:node:<id>`: requests from `from`, answered on `from`'s channel. */
export const nodeMessageSchema = z.union([
  /** Open a pipe transport pair for the room: the sender's end is at `tuple`; answer with ours. */
  z.object({ type: z.literal('pipe-open'), from: z.string(), requestId: z.string(), roomId: z.string(), tuple }),
  /** Send this producer of ours over the room's pipe to the sender; answer with its RTP parameters. */
  z.object({
    type: z.literal('pipe-consume'),
    from: z.string(),
    requestId: z.string(),
    roomId: z.string(),
    producerId: z.string(),
  }),
  z.object({ type: z.literal('reply'), requestId: z.string(), ok: z.literal(true), data: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('reply'), requestId: z.string(), ok: z.literal(false), error: z.string() }),
]);
export type NodeMessage = z.infer<typeof nodeMessageSchema>;

export const pipeOpenReplySchema = z.object({ tuple });
export const pipeConsumeReplySchema = z.object({
  kind: z.enum(['audio', 'video']),
  // mediasoup's RtpParameters, produced by a node of the same version: passed through as is.
  rtpParameters: z.record(z.string(), z.unknown()),
  paused: z.boolean(),
});

export function parseMessage<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const callChannel = (roomId: string): string => `relais:call:${roomId}`;
export const nodeChannel = (nodeId: string): string => `relais:node:${nodeId}`;
/** The node's registration, a key that expires unless its heartbeat renews it. */
export const nodeKey = (nodeId: string): string => `relais:nodes:${nodeId}`;
/** The set of nodes hosting a room's call (the call's assignment). */
export const callNodesKey = (roomId: string): string => `relais:calls:${roomId}:nodes`;
