// One section's save: what is being sent, and how it went. A failure keeps the section's fields as
// typed (nothing is lost) and says what the server answered.
import { MatrixError } from 'matrix-js-sdk';
import { useCallback, useState } from 'react';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; reason: string };

export interface Save {
  state: SaveState;
  run: (work: () => Promise<void>) => Promise<boolean>;
}

/** The server's own words when it refused (M_FORBIDDEN: "You don't have permission…"), else the error's. */
export function refusalReason(error: unknown): string {
  if (error instanceof MatrixError) return error.data.error ?? error.errcode ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

export function useSave(): Save {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const run = useCallback(async (work: () => Promise<void>) => {
    setState({ kind: 'saving' });
    try {
      await work();
      setState({ kind: 'saved' });
      return true;
    } catch (error) {
      setState({ kind: 'failed', reason: refusalReason(error) });
      return false;
    }
  }, []);
  return { state, run };
}
