// The Redis side of the cluster: one connection for commands and publishing, one for subscriptions
// (a subscribed Redis connection can do nothing else), this node's registration renewed by a
// heartbeat, and request/answer over node channels.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { nodeChannel, nodeKey, nodeMessageSchema, parseMessage, type NodeMessage } from './messages.ts';

export interface NodeRegistration {
  id: string;
  /** Where clients reach this node's signaling (informative: a load balancer picks the node). */
  wsUrl: string | null;
  /** Peers on this node, what a balancer or an operator reads. */
  load: number;
}

type Request = Extract<NodeMessage, { type: 'pipe-open' | 'pipe-consume' }>;
type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'from' | 'requestId'> : never) : never;

export interface BusOptions {
  url: string;
  nodeId: string;
  heartbeatMs: number;
  nodeTtlMs: number;
  registration: () => NodeRegistration;
  /** A request from another node; its answer (or thrown error) goes back to the asker. */
  onRequest: (request: Request) => Promise<Record<string, unknown>>;
  logger: Logger;
}

const REQUEST_TIMEOUT_MS = 5000;

export class ClusterBus {
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly options: BusOptions;
  private readonly handlers = new Map<string, (text: string) => void>();
  private readonly waiting = new Map<
    string,
    { resolve: (data: Record<string, unknown>) => void; reject: (error: Error) => void }
  >();
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  private constructor(options: BusOptions) {
    this.options = options;
    // No offline queue: a command while Redis is unreachable fails at once instead of piling up.
    this.commands = new Redis(options.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(options.url, { lazyConnect: true });
    for (const connection of [this.commands, this.subscriber])
      connection.on('error', (error: Error) => options.logger.warn(`redis: ${error.message}`));
    this.subscriber.on('message', (channel: string, text: string) => this.handlers.get(channel)?.(text));
  }

  static async start(options: BusOptions): Promise<ClusterBus> {
    const bus = new ClusterBus(options);
    await Promise.all([bus.commands.connect(), bus.subscriber.connect()]);
    await bus.subscribe(nodeChannel(options.nodeId), (text) => bus.onNodeMessage(text));
    await bus.register();
    bus.heartbeat = setInterval(() => {
      bus.register().catch((error: unknown) => options.logger.warn(`cluster heartbeat failed: ${String(error)}`));
    }, options.heartbeatMs);
    return bus;
  }

  get redis(): Redis {
    return this.commands;
  }

  async subscribe(channel: string, handler: (text: string) => void): Promise<void> {
    this.handlers.set(channel, handler);
    await this.subscriber.subscribe(channel);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.handlers.delete(channel);
    await this.subscriber.unsubscribe(channel);
  }

  async publish(channel: string, message: object): Promise<void> {
    await this.commands.publish(channel, JSON.stringify(message));
  }

  /** Asks another node; rejects on its error or after REQUEST_TIMEOUT_MS (a node that died meanwhile). */
  request(nodeId: string, body: RequestBody): Promise<Record<string, unknown>> {
    const requestId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new Error(`node ${nodeId} did not answer ${body.type} in time`));
      }, REQUEST_TIMEOUT_MS);
      this.waiting.set(requestId, {
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.publish(nodeChannel(nodeId), { ...body, from: this.options.nodeId, requestId }).catch((error: unknown) => {
        this.waiting.get(requestId)?.reject(error instanceof Error ? error : new Error(String(error)));
        this.waiting.delete(requestId);
      });
    });
  }

  /** Live nodes: those whose registration has not expired. */
  async isAlive(nodeId: string): Promise<boolean> {
    return (await this.commands.exists(nodeKey(nodeId))) === 1;
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const { reject } of this.waiting.values()) reject(new Error('cluster bus closed'));
    this.waiting.clear();
    await this.commands.del(nodeKey(this.options.nodeId)).catch(() => undefined);
    this.subscriber.disconnect();
    this.commands.disconnect();
  }

  private async register(): Promise<void> {
    const registration = { ...this.options.registration(), at: Date.now() };
    await this.commands.set(nodeKey(this.options.nodeId), JSON.stringify(registration), 'PX', this.options.nodeTtlMs);
  }

  private onNodeMessage(text: string): void {
    const message = parseMessage(nodeMessageSchema, text);
    if (!message) {
      this.options.logger.warn('cluster: dropped a malformed node message');
      return;
    }
    if (message.type === 'reply') {
      const waiter = this.waiting.get(message.requestId);
      this.waiting.delete(message.requestId);
      if (message.ok) waiter?.resolve(message.data);
      else waiter?.reject(new Error(message.error));
      return;
    }
    const answer = (reply: object) =>
      this.publish(nodeChannel(message.from), { type: 'reply', requestId: message.requestId, ...reply });
    this.options
      .onRequest(message)
      .then((data) => answer({ ok: true, data }))
      .catch((error: unknown) => answer({ ok: false, error: error instanceof Error ? error.message : String(error) }))
      .catch((error: unknown) => this.options.logger.warn(`cluster: answer to ${message.from} lost: ${String(error)}`));
  }
}
