// The person's sessions (Matrix devices): what the Sessions list shows, and signing other sessions
// out, which the server guards with interactive authentication (the account password here).
import { MatrixError, type AuthDict, type IMyDevice, type MatrixClient } from 'matrix-js-sdk';

/** A session unused for this long is worth signing out: Element uses the same 90 days. */
export const INACTIVE_AFTER_MS = 90 * 24 * 60 * 60 * 1000;

export type SessionVerification = 'verified' | 'unverified' | 'unknown';

export interface SessionRow {
  deviceId: string;
  /** The name the person gave it (or the client set), null when none. */
  name: string | null;
  lastSeenTs: number | null;
  current: boolean;
  verification: SessionVerification;
  inactive: boolean;
}

/** This session first, then the others by last use, most recent first; sessions never seen go last. */
export function sessionRows(
  devices: readonly IMyDevice[],
  currentDeviceId: string | null,
  verification: ReadonlyMap<string, boolean>,
  now: number,
): SessionRow[] {
  return devices
    .map((device) => {
      const lastSeenTs = device.last_seen_ts ?? null;
      const verified = verification.get(device.device_id);
      return {
        deviceId: device.device_id,
        name: device.display_name?.trim() || null,
        lastSeenTs,
        current: device.device_id === currentDeviceId,
        verification: verified === undefined ? 'unknown' : verified ? 'verified' : 'unverified',
        inactive: lastSeenTs !== null && now - lastSeenTs > INACTIVE_AFTER_MS,
      } satisfies SessionRow;
    })
    .sort((a, b) => Number(b.current) - Number(a.current) || (b.lastSeenTs ?? -1) - (a.lastSeenTs ?? -1));
}

/** Whether each of my sessions is verified by my cross-signing identity (absent: could not tell). */
export async function verificationOf(client: MatrixClient, deviceIds: readonly string[]): Promise<Map<string, boolean>> {
  const crypto = client.getCrypto();
  const result = new Map<string, boolean>();
  if (!crypto) return result;
  const userId = client.getSafeUserId();
  for (const deviceId of deviceIds) {
    const status = await crypto.getDeviceVerificationStatus(userId, deviceId).catch(() => null);
    if (status) result.set(deviceId, status.crossSigningVerified);
  }
  return result;
}

export class SessionPasswordNeededError extends Error {
  constructor() {
    super('The homeserver asks for the account password to sign sessions out');
    this.name = 'SessionPasswordNeededError';
  }
}

export class WrongSessionPasswordError extends Error {
  constructor() {
    super('The homeserver refused the password');
    this.name = 'WrongSessionPasswordError';
  }
}

/** The server wants a way of proving who one is that Relais cannot offer here (SSO-only account). */
export class SessionAuthUnsupportedError extends Error {
  readonly flows: string[];
  constructor(flows: string[]) {
    super(`The homeserver asks for ${flows.join(', ') || 'an unknown method'} to sign sessions out`);
    this.name = 'SessionAuthUnsupportedError';
    this.flows = flows;
  }
}

interface UiaChallenge {
  session: string | undefined;
  passwordOffered: boolean;
  flows: string[];
  /** A previous password attempt was refused. */
  refused: boolean;
}

function challengeOf(error: unknown): UiaChallenge | null {
  if (!(error instanceof MatrixError) || error.httpStatus !== 401) return null;
  const data = error.data as { session?: unknown; flows?: { stages?: unknown }[] };
  const stages = (data.flows ?? []).map((flow) => (Array.isArray(flow.stages) ? flow.stages.map(String) : []));
  return {
    session: typeof data.session === 'string' ? data.session : undefined,
    passwordOffered: stages.some((flow) => flow.length === 1 && flow[0] === 'm.login.password'),
    flows: stages.map((flow) => flow.join(' + ')),
    refused: error.errcode === 'M_FORBIDDEN',
  };
}

/**
 * Signs the given sessions out. Without a password the server is asked first (some allow it, and its
 * answer says which proof it wants); with one, it is sent in the same interactive-auth session.
 */
export async function signOutSessions(client: MatrixClient, deviceIds: readonly string[], password?: string): Promise<void> {
  if (deviceIds.length === 0) return;
  let challenge: UiaChallenge | null;
  try {
    await client.deleteMultipleDevices([...deviceIds]);
    return;
  } catch (error) {
    challenge = challengeOf(error);
    if (!challenge) throw error;
  }
  if (!challenge.passwordOffered) throw new SessionAuthUnsupportedError(challenge.flows);
  if (password === undefined || password === '') throw new SessionPasswordNeededError();
  const auth: AuthDict = {
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user: client.getSafeUserId() },
    password,
    ...(challenge.session === undefined ? {} : { session: challenge.session }),
  };
  try {
    await client.deleteMultipleDevices([...deviceIds], auth);
  } catch (error) {
    const again = challengeOf(error);
    if (again) throw again.refused ? new WrongSessionPasswordError() : new SessionPasswordNeededError();
    throw error;
  }
}
