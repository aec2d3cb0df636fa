// Carries out a Teams join the renderer asked for, after deciding again here under machine policy:
// the renderer only says which action the user chose; main parses the link and checks the route.
import { IpcError } from '../../shared/ipc/errors.ts';
import { inspectLink } from '../../shared/teams/index.ts';
import { routeTeamsMeeting, type TeamsActionKind, type TeamsBridgePolicy } from '../../shared/teams/routing.ts';

export interface TeamsJoinDeps {
  bridgePolicy(): TeamsBridgePolicy;
  now(): Date;
  openExternal(url: string): Promise<void>;
  openIsolatedWindow(url: string): void;
  log(message: string): void;
}

const GATEWAY_SCHEMES = /^(https:|sips?:)/i;

export async function joinTeamsMeeting(link: string, chosen: TeamsActionKind, deps: TeamsJoinDeps): Promise<{ opened: true }> {
  const inspection = inspectLink(link);
  if (inspection.status !== 'meeting') throw new IpcError('not-allowed', 'This is not a Teams meeting link Relais can check');
  const route = routeTeamsMeeting(inspection.meeting, deps.bridgePolicy(), deps.now());
  if (route.status !== 'available' || route.action.kind !== chosen) {
    deps.log(`teams: refused ${chosen} (${route.status})`);
    throw new IpcError('not-allowed', 'Your organisation does not allow joining this meeting this way');
  }
  const action = route.action;
  switch (action.kind) {
    case 'browser':
      await deps.openExternal(action.url);
      break;
    case 'isolated':
      deps.openIsolatedWindow(action.url);
      break;
    case 'gateway': {
      const target = action.webUrl ?? action.sipUri;
      if (!target || !GATEWAY_SCHEMES.test(target)) throw new IpcError('not-allowed', 'The gateway address is not usable');
      await deps.openExternal(target);
      break;
    }
  }
  deps.log(`teams: opened via ${chosen} (${inspection.meeting.cloud})`);
  return { opened: true };
}
