import { useEffect, useState } from 'react';
import { defaultFetch, TIMEOUT_MS } from '../../matrix/signIn.ts';
import { discoverLoginFlows, type HomeserverFlows } from './loginFlows.ts';

/**
 * The sign-in flows of the homeserver the user has settled on (null while unknown, or when the
 * address does not lead to a homeserver: submitting the form then says why).
 */
export function useLoginFlows(homeserverInput: string | null): HomeserverFlows | null {
  const [answer, setAnswer] = useState<{ input: string; flows: HomeserverFlows | null } | null>(null);
  useEffect(() => {
    const input = homeserverInput?.trim();
    if (!input) return;
    let current = true;
    void discoverLoginFlows(input, defaultFetch, TIMEOUT_MS)
      .catch(() => null)
      .then((flows) => {
        if (current) setAnswer({ input, flows });
      });
    return () => {
      current = false;
    };
  }, [homeserverInput]);
  return answer && answer.input === homeserverInput?.trim() ? answer.flows : null;
}
