import { ClientEvent, MatrixEventEvent, RoomEvent, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { useEffect, useRef } from 'react';
import { usePlatform } from '../../app/PlatformContext.ts';
import { useUserSettings } from '../../app/UserSettingsContext.ts';
import { notificationText, shouldNotify } from '../../matrix/notifications.ts';
import { rendererLogger } from '../../platform/log.ts';

/** Sends the notifications the push rules ask for through the platform layer (Electron or the browser). */
export function useDesktopNotifications(client: MatrixClient, openRoomId: string | null): void {
  const platform = usePlatform();
  const openRoom = useRef(openRoomId);
  useEffect(() => {
    openRoom.current = openRoomId;
  }, [openRoomId]);
  // Read when an event arrives, so switching notifications off applies at once without resubscribing.
  const enabled = useRef(true);
  const notificationsEnabled = useUserSettings().settings.notifications.enabled;
  useEffect(() => {
    enabled.current = notificationsEnabled;
  }, [notificationsEnabled]);

  useEffect(() => {
    let synced = false;
    const onSync = (state: string) => {
      if (state === 'PREPARED' || state === 'SYNCING') synced = true;
    };
    const consider = (event: MatrixEvent, room: Room, live: boolean) => {
      const ctx = {
        myUserId: client.getSafeUserId(),
        // Recalculated: for an encrypted event the first answer was computed on the ciphertext.
        pushNotify: client.getPushActionsForEvent(event, true)?.notify === true,
        openRoomId: openRoom.current,
        windowFocused: document.hasFocus(),
        isLiveEvent: live,
      };
      if (!enabled.current || !shouldNotify(event, room, ctx)) return;
      const { title, body } = notificationText(event, room);
      void platform.notify(title, body).catch(rendererLogger('notifications').swallow('showing a notification'));
    };
    const onTimeline = (event: MatrixEvent, room: Room | undefined, toStartOfTimeline: boolean | undefined) => {
      if (!room || toStartOfTimeline) return;
      const live = synced;
      // Encrypted events are judged once decrypted, on what they really say.
      if (event.isEncrypted() && (event.isBeingDecrypted() || event.getClearContent() === null)) {
        event.once(MatrixEventEvent.Decrypted, () => consider(event, room, live));
      } else {
        consider(event, room, live);
      }
    };
    client.on(ClientEvent.Sync, onSync);
    client.on(RoomEvent.Timeline, onTimeline);
    return () => {
      client.off(ClientEvent.Sync, onSync);
      client.off(RoomEvent.Timeline, onTimeline);
    };
  }, [client, platform]);
}
