// The server-wide limits, built from the configuration: sockets (per address and in total,
// authenticated or not), message rates, join attempts, devices per user and the transport budget.
// One instance per server; sessions ask it synchronously, so checks hold under concurrency.
import { CallError } from '../../src/shared/call/index.ts';
import { transportBudget, type SfuConfig } from './config.ts';
import { Budget, FailureBackoff, KeyedBuckets, KeyedCounter, rateLimited, TokenBucket, type Clock } from './limits.ts';

export type SocketRefusal = { code: number; reason: string };

export class ServerGuard {
  private readonly limits: SfuConfig['limits'];
  private readonly now: Clock;
  private readonly sockets = new KeyedCounter();
  private readonly unauthenticated = new KeyedCounter();
  private readonly framesByAddress: KeyedBuckets;
  private readonly joins: TokenBucket;
  private readonly joinsByAddress: KeyedBuckets;
  private readonly joinsByUser: KeyedBuckets;
  private readonly joinFailures: FailureBackoff;
  private readonly userPeers = new KeyedCounter();
  readonly transports: Budget;

  constructor(config: SfuConfig, now: Clock = Date.now) {
    const limits = config.limits;
    this.limits = limits;
    this.now = now;
    this.framesByAddress = new KeyedBuckets(limits.framesPerSecondPerAddress, limits.frameBurstPerAddress, now);
    this.joins = new TokenBucket(limits.joinsPerSecond, limits.joinBurst, now);
    this.joinsByAddress = new KeyedBuckets(limits.joinsPerSecondPerAddress, limits.joinBurstPerAddress, now);
    this.joinsByUser = new KeyedBuckets(limits.joinsPerSecondPerUser, limits.joinBurstPerUser, now);
    this.joinFailures = new FailureBackoff(
      { baseMs: limits.joinBackoffBaseMs, maxMs: limits.joinBackoffMaxMs, freeFailures: limits.joinFailuresBeforeBackoff },
      now,
    );
    this.transports = new Budget(transportBudget(config));
  }

  /**
   * A new socket from `address`: it counts as unauthenticated until it joins. Returns its two slot
   * releases, or why it is refused (the socket is then closed at once; other sockets are unaffected).
   */
  admitSocket(address: string): { release: () => void; releaseUnauthenticated: () => void } | SocketRefusal {
    const { limits } = this;
    if (this.sockets.total >= limits.maxSockets) return { code: 1013, reason: 'Server busy: too many connections' };
    if (this.unauthenticated.total >= limits.maxUnauthenticatedSockets)
      return { code: 1013, reason: 'Server busy: too many connections waiting to join' };
    const release = this.sockets.tryAcquire(address, limits.maxSocketsPerAddress);
    if (!release) return { code: 4029, reason: 'Too many connections from this address' };
    const releaseUnauthenticated = this.unauthenticated.tryAcquire(address, limits.maxUnauthenticatedSocketsPerAddress);
    if (!releaseUnauthenticated) {
      release();
      return { code: 4029, reason: 'Too many connections waiting to join from this address' };
    }
    return { release, releaseUnauthenticated };
  }

  /** A per-socket message bucket (the socket closes when it runs dry). */
  socketFrames(): TokenBucket {
    return new TokenBucket(this.limits.framesPerSecondPerSocket, this.limits.frameBurstPerSocket, this.now);
  }

  /** One message from `address`: false when the address exceeds its rate. */
  frameFromAddress(address: string): boolean {
    return this.framesByAddress.take(address) === 0;
  }

  /** Before any homeserver request: global and per-address rates, and the address's backoff. */
  checkJoinAttempt(address: string): void {
    const backoff = this.joinFailures.waitMs(address);
    if (backoff > 0) throw rateLimited('refused joins from this address', backoff);
    const perAddress = this.joinsByAddress.take(address);
    if (perAddress > 0) throw rateLimited('join attempts from this address', perAddress);
    const global = this.joins.take();
    if (global > 0) throw new CallError('server-busy', 'Too many joins on this SFU right now', global);
  }

  /** After OpenID: the verified user's own join rate. */
  checkUserJoin(userId: string): void {
    const wait = this.joinsByUser.take(userId);
    if (wait > 0) throw rateLimited(`join attempts by ${userId}`, wait);
  }

  joinFailed(address: string, error: unknown): void {
    // Refusals the client caused count towards its backoff; the server's own trouble does not.
    if (error instanceof CallError && (error.code.startsWith('auth-') || error.code === 'removed-from-room'))
      if (error.code !== 'auth-homeserver-unreachable') this.joinFailures.failed(address);
  }

  joinSucceeded(address: string): void {
    this.joinFailures.succeeded(address);
  }

  /**
   * One more device of `userId` in calls. `replacing` is true when the same device re-joins (its old
   * peer goes away). Returns the slot's release; throws limit-exceeded over the cap.
   */
  reserveUserPeer(userId: string, replacing: boolean): () => void {
    const max = this.limits.maxPeersPerUser + (replacing ? 1 : 0);
    const release = this.userPeers.tryAcquire(userId, max);
    if (!release)
      throw new CallError('limit-exceeded', `${userId} already has ${this.limits.maxPeersPerUser} devices in calls on this SFU`);
    return release;
  }

  /** One WebRTC transport (one port of the RTC range). */
  reserveTransport(): () => void {
    const release = this.transports.tryAcquire();
    if (!release) throw new CallError('server-busy', 'This SFU has no media ports left; try again later', 5000);
    return release;
  }

  stats(): { sockets: number; unauthenticated: number; transports: number; transportBudget: number } {
    return {
      sockets: this.sockets.total,
      unauthenticated: this.unauthenticated.total,
      transports: this.transports.inUse,
      transportBudget: this.transports.capacity,
    };
  }
}

/** The client's address: the socket's peer, or the last X-Forwarded-For hop a trusted proxy added. */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: readonly string[],
): string {
  const direct = normalise(remoteAddress ?? 'unknown');
  if (!trusted.includes(direct) || forwardedFor === undefined) return direct;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const hops = header
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  return normalise(hops.at(-1) ?? direct);
}

function normalise(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
