// Enforces sovereign egress in the main process: every request any renderer makes passes the filter
// built from machine policy; anything else is cancelled and logged (scheme, host and port only).
import type { Session } from 'electron';
import type { EgressFilter } from '../../shared/policy/egress.ts';

export function installEgressFilter(session: Session, filter: () => EgressFilter, log: (message: string) => void): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const decision = filter().decide(details.url);
    if (!decision.allowed) log(`egress: blocked ${decision.reason}`);
    callback({ cancel: !decision.allowed });
  });
}
