import { MatrixError, type AuthDict, type MatrixClient } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import {
  INACTIVE_AFTER_MS,
  SessionAuthUnsupportedError,
  SessionPasswordNeededError,
  sessionRows,
  signOutSessions,
  WrongSessionPasswordError,
} from '../../../../../src/renderer/matrix/account/sessions.ts';

const NOW = Date.UTC(2026, 11, 3);

describe('sessionRows', () => {
  it('puts this session first, then the others by last use; never-seen ones last', () => {
    const rows = sessionRows(
      [
        { device_id: 'OLD', display_name: 'Old laptop', last_seen_ts: NOW - INACTIVE_AFTER_MS - 1 },
        { device_id: 'NEVER' },
        { device_id: 'PHONE', display_name: '  ', last_seen_ts: NOW - 1000 },
        { device_id: 'ME', display_name: 'Relais', last_seen_ts: NOW - 50_000 },
      ],
      'ME',
      new Map([
        ['ME', true],
        ['PHONE', false],
      ]),
      NOW,
    );
    expect(rows.map((r) => r.deviceId)).toEqual(['ME', 'PHONE', 'OLD', 'NEVER']);
    expect(rows[0]).toMatchObject({ current: true, verification: 'verified', name: 'Relais', inactive: false });
    expect(rows[1]).toMatchObject({ name: null, verification: 'unverified' });
    expect(rows[2]).toMatchObject({ inactive: true, verification: 'unknown' });
    expect(rows[3]).toMatchObject({ lastSeenTs: null, inactive: false });
  });
});

/** A client whose device deletion answers like Synapse: 401 with a UIA session, then the password check. */
function fakeClient(options: { flows: string[][]; password: string }) {
  const calls: (AuthDict | undefined)[] = [];
  const challenge = (errcode?: string) =>
    new MatrixError(
      { session: 'uia-1', flows: options.flows.map((stages) => ({ stages })), ...(errcode ? { errcode } : {}) },
      401,
    );
  const client = {
    getSafeUserId: () => '@me:relais.test',
    deleteMultipleDevices: (_ids: string[], auth?: AuthDict) => {
      calls.push(auth);
      if (!auth) return Promise.reject(challenge());
      const given = (auth as { password?: string }).password;
      return given === options.password ? Promise.resolve({}) : Promise.reject(challenge('M_FORBIDDEN'));
    },
  } as unknown as MatrixClient;
  return { client, calls };
}

describe('signOutSessions', () => {
  it('asks the server first, then answers its challenge with the password in the same session', async () => {
    const { client, calls } = fakeClient({ flows: [['m.login.password']], password: 'secret' });
    await signOutSessions(client, ['PHONE'], 'secret');
    expect(calls).toEqual([
      undefined,
      {
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: '@me:relais.test' },
        password: 'secret',
        session: 'uia-1',
      },
    ]);
  });

  it('says when a password is needed, when it is wrong, and when the server wants something else', async () => {
    const needs = fakeClient({ flows: [['m.login.password']], password: 'secret' });
    await expect(signOutSessions(needs.client, ['PHONE'])).rejects.toBeInstanceOf(SessionPasswordNeededError);
    await expect(signOutSessions(needs.client, ['PHONE'], 'wrong')).rejects.toBeInstanceOf(WrongSessionPasswordError);
    const sso = fakeClient({ flows: [['m.login.sso']], password: 'secret' });
    await expect(signOutSessions(sso.client, ['PHONE'], 'secret')).rejects.toBeInstanceOf(SessionAuthUnsupportedError);
  });

  it('does nothing for no session', async () => {
    const { client, calls } = fakeClient({ flows: [['m.login.password']], password: 'secret' });
    await signOutSessions(client, []);
    expect(calls).toEqual([]);
  });
});
