// The signed-in session (Matrix client, outbox, attachment store, connectivity, local search) for
// everything under the app shell, so no component hands the client down through its props. The value
// is the Session object itself: one per sign-in, never rebuilt while it lasts, so consumers do not
// re-render because of the context.
import type { MatrixClient } from 'matrix-js-sdk';
import { createContext, useContext } from 'react';
import type { Session } from '../matrix/session.ts';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext.Provider');
  return session;
}

export function useClient(): MatrixClient {
  return useSession().client;
}
