import { describe, expect, it } from 'vitest';
import { parseTeamsLink } from '../../../../src/shared/teams/index.ts';
import { fillTemplate, isRetired, routeTeamsMeeting, type TeamsBridgePolicy } from '../../../../src/shared/teams/routing.ts';
import type { TeamsMeeting } from '../../../../src/shared/teams/types.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
const ORGANIZER = '8d2e2a44-52f6-4e8c-a2c5-1c0b8e9c7f10';
const THREAD = '19:meeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj@thread.v2';

function meeting(link: string): TeamsMeeting {
  const parsed = parseTeamsLink(link);
  if (!parsed) throw new Error(`fixture did not parse: ${link}`);
  return parsed;
}

const classic = meeting(
  `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: TENANT, Oid: ORGANIZER }))}`,
);
const otherTenant = meeting(
  `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: OTHER_TENANT, Oid: ORGANIZER }))}`,
);
const short = meeting('https://teams.microsoft.com/meet/123456789012345?p=AbCdEf');

const base: TeamsBridgePolicy = { enabled: true, sunset: null, tenantsAllowlist: [], modes: { '*': { mode: 'browser' } } };
const now = new Date('2027-03-01T12:00:00Z');

describe('routeTeamsMeeting', () => {
  it('a disabled bridge offers nothing', () => {
    expect(routeTeamsMeeting(classic, { ...base, enabled: false }, now)).toEqual({ status: 'disabled' });
  });

  it('browser mode opens the canonical URL and says the others are not configured', () => {
    const route = routeTeamsMeeting(classic, base, now);
    expect(route).toEqual({
      status: 'available',
      action: { kind: 'browser', url: classic.canonicalUrl },
      unavailable: [
        { kind: 'gateway', reason: 'not-configured' },
        { kind: 'isolated', reason: 'not-configured' },
      ],
    });
  });

  it('isolated mode', () => {
    const route = routeTeamsMeeting(short, { ...base, modes: { '*': { mode: 'isolated' } } }, now);
    expect(route).toMatchObject({ status: 'available', action: { kind: 'isolated', url: short.canonicalUrl } });
  });

  it('gateway mode fills both templates with URL-encoded fields', () => {
    const policy: TeamsBridgePolicy = {
      ...base,
      modes: {
        '*': {
          mode: 'gateway',
          webGatewayUrlTemplate: 'https://visio.example.gouv.fr/teams?thread={threadId}&tenant={tenantId}',
          sipUriTemplate: 'sip:{threadId}@gateway.example.gouv.fr',
        },
      },
    };
    const route = routeTeamsMeeting(classic, policy, now);
    expect(route).toMatchObject({
      status: 'available',
      action: {
        kind: 'gateway',
        webUrl: `https://visio.example.gouv.fr/teams?thread=${encodeURIComponent(THREAD)}&tenant=${TENANT}`,
        sipUri: `sip:${encodeURIComponent(THREAD)}@gateway.example.gouv.fr`,
      },
    });
  });

  it('a gateway template that needs a detail the meeting lacks is not offered', () => {
    const policy: TeamsBridgePolicy = {
      ...base,
      modes: { '*': { mode: 'gateway', webGatewayUrlTemplate: 'https://gw.example/{threadId}' } },
    };
    expect(routeTeamsMeeting(short, policy, now)).toEqual({ status: 'blocked' });
  });

  it('per-tenant modes win over "*", tenant keys case-insensitive', () => {
    const policy: TeamsBridgePolicy = {
      ...base,
      modes: { '*': { mode: 'block' }, [TENANT.toUpperCase()]: { mode: 'isolated' } },
    };
    expect(routeTeamsMeeting(classic, policy, now)).toMatchObject({ status: 'available', action: { kind: 'isolated' } });
    expect(routeTeamsMeeting(otherTenant, policy, now)).toEqual({ status: 'blocked' });
  });

  it('the tenant allowlist refuses other tenants and meetings whose tenant is unknown', () => {
    const policy: TeamsBridgePolicy = { ...base, tenantsAllowlist: [TENANT] };
    expect(routeTeamsMeeting(classic, policy, now).status).toBe('available');
    expect(routeTeamsMeeting(otherTenant, policy, now)).toEqual({ status: 'tenant-not-allowed', tenantId: OTHER_TENANT });
    expect(routeTeamsMeeting(short, policy, now)).toEqual({ status: 'tenant-not-allowed', tenantId: null });
  });

  it('the bridge retires at the end of its sunset day (UTC)', () => {
    const policy: TeamsBridgePolicy = { ...base, sunset: '2027-03-01' };
    expect(routeTeamsMeeting(classic, policy, new Date('2027-03-01T23:59:59Z')).status).toBe('available');
    expect(routeTeamsMeeting(classic, policy, new Date('2027-03-02T00:00:00Z'))).toEqual({
      status: 'retired',
      sunset: '2027-03-01',
    });
    expect(isRetired('not-a-date', now)).toBe(false);
  });

  it('no mode for the tenant and no "*" means blocked', () => {
    expect(routeTeamsMeeting(classic, { ...base, modes: {} }, now)).toEqual({ status: 'blocked' });
  });
});

describe('fillTemplate', () => {
  it('encodes values so they cannot break out of the URL', () => {
    const m = meeting('https://teams.microsoft.com/meet/123456789012345?p=AbCdEf');
    expect(fillTemplate('https://gw.example/join?id={meetingId}&p={passcode}', m)).toBe(
      'https://gw.example/join?id=123456789012345&p=AbCdEf',
    );
    expect(fillTemplate('https://gw.example/{threadId}', m)).toBeNull();
  });
});
