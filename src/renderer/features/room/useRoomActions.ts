// What the room view asks of the server (leave, accept or decline an invitation, older messages,
// typing notices), through matrix/roomActions.ts. A failure is logged with the room and the error's
// code, and shown in the room until dismissed or until the next attempt: never an unhandled rejection.
import type { Room } from 'matrix-js-sdk';
import { useCallback, useMemo, useState } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { navigate } from '../../app/useHashRoute.ts';
import {
  acceptInvitation,
  declineInvitation,
  leaveAndForgetRoom,
  leaveRoom,
  loadOlderMessages,
  typingNotifier,
} from '../../matrix/roomActions.ts';
import { errorContext } from '../../../shared/log/errors.ts';
import { rendererLogger } from '../../platform/log.ts';

const log = rendererLogger('room');

/** The failure with what was attempted, in which room, and the error's class, code and status. */
function logFailure(kind: RoomActionFailure, roomId: string, error: unknown): void {
  const { summary, context } = errorContext(error);
  log.warn(`room action failed: ${summary}`, { ...context, roomId, phase: kind });
}

/** Which action failed; each has its wording under room.errors in the translations. */
export type RoomActionFailure = 'leave' | 'accept' | 'decline' | 'history';

export interface RoomActions {
  failure: RoomActionFailure | null;
  dismissFailure: () => void;
  /** Leaves, then goes back to the welcome screen. */
  /** `forget`: also remove the room from the account's history. */
  leave: (forget?: boolean) => Promise<void>;
  accept: () => Promise<void>;
  /** Declines, then goes back to the welcome screen. */
  decline: () => Promise<void>;
  /** Resolves false once the room's start is reached; rejects when the page could not be loaded (shown). */
  loadOlder: () => Promise<boolean>;
  /** Throttled; a notice that fails is only logged (nobody needs telling). */
  setTyping: (isTyping: boolean) => void;
}

export function useRoomActions(room: Room): RoomActions {
  const client = useClient();
  const [failure, setFailure] = useState<RoomActionFailure | null>(null);
  const roomId = room.roomId;

  const attempt = useCallback(
    async (kind: RoomActionFailure, action: () => Promise<void>): Promise<boolean> => {
      setFailure(null);
      try {
        await action();
        return true;
      } catch (error) {
        logFailure(kind, roomId, error);
        setFailure(kind);
        return false;
      }
    },
    [roomId],
  );

  const sendTyping = useMemo(() => typingNotifier(client, roomId), [client, roomId]);

  return useMemo<RoomActions>(
    () => ({
      failure,
      dismissFailure: () => setFailure(null),
      leave: async (forget = false) => {
        const action = forget ? () => leaveAndForgetRoom(client, roomId) : () => leaveRoom(client, roomId);
        if (await attempt('leave', action)) navigate({ kind: 'home' });
      },
      accept: async () => {
        await attempt('accept', () => acceptInvitation(client, roomId));
      },
      decline: async () => {
        if (await attempt('decline', () => declineInvitation(client, roomId))) navigate({ kind: 'home' });
      },
      loadOlder: async () => {
        try {
          return await loadOlderMessages(client, room);
        } catch (error) {
          logFailure('history', roomId, error);
          setFailure('history');
          throw error;
        }
      },
      setTyping: (isTyping) => {
        void sendTyping(isTyping)?.catch(log.swallow('typing notice', 'debug'));
      },
    }),
    [failure, attempt, client, roomId, room, sendTyping],
  );
}
