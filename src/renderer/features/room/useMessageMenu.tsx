// What a room offers in its messages' "More options" menu (MessageActions.tsx): the abilities it
// depends on (power levels, pins, developer mode), what each item does, and what they open (Forward
// and View source dialogs, the pinned-messages bar, the "Link copied" announcement).
import { EventType, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { roomState } from '../../matrix/roomState.ts';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/SessionContext.ts';
import { useUserSettings } from '../../app/UserSettingsContext.ts';
import { matrixEventUri, viaServers } from '../../matrix/permalink.ts';
import { withoutPin, withPin } from '../../matrix/pinnedEvents.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { rendererLogger } from '../../platform/log.ts';
import { ForwardDialog } from './ForwardDialog.tsx';
import type { MessageMenu } from './MessageActions.tsx';
import { quoteText } from './messageActions.ts';
import { PinnedBar } from './PinnedBar.tsx';
import { usePinnedEvents } from './usePinnedEvents.ts';
import { ViewSourceDialog } from './ViewSourceDialog.tsx';

const log = rendererLogger('message-actions');
const ANNOUNCEMENT_MS = 4000;

export interface MessageMenuParts {
  menu: MessageMenu;
  /** Under the room header. */
  pinnedBar: ReactNode;
  /** Anywhere in the room view: the dialogs and the live region. */
  dialogs: ReactNode;
}

export function useMessageMenu(room: Room, onQuote: (text: string) => void): MessageMenuParts {
  const { t } = useTranslation();
  const { client } = useSession();
  const developerMode = useUserSettings().settings.chat.developerMode;
  const pinned = usePinnedEvents(room);
  const [forwarding, setForwarding] = useState<Readonly<Record<string, unknown>> | null>(null);
  const [source, setSource] = useState<MatrixEvent | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!announcement) return;
    const timer = window.setTimeout(() => setAnnouncement(''), ANNOUNCEMENT_MS);
    return () => window.clearTimeout(timer);
  }, [announcement]);

  const me = client.getSafeUserId();
  const state = roomState(room);
  const mayPin = state?.maySendStateEvent(EventType.RoomPinnedEvents, me) ?? false;

  function setPins(ids: string[]) {
    client.sendStateEvent(room.roomId, EventType.RoomPinnedEvents, { pinned: ids }, '').catch((error: unknown) => {
      log.swallow('changing the pinned messages', 'warn')(error);
      setAnnouncement(t('timeline.pinFailed'));
    });
  }

  const menu: MessageMenu = {
    abilities: (item) => {
      const event = room.findEventById(item.eventId);
      return {
        redactOthers: event ? (state?.maySendRedactionForEvent(event, me) ?? false) : false,
        pin: mayPin,
        pinned: pinned.includes(item.eventId),
        developerMode,
      };
    },
    onCopyLink: (item: TimelineItem) => {
      const members = room.getJoinedMembers().map((m) => ({ userId: m.userId, powerLevel: m.powerLevel }));
      const uri = matrixEventUri(room.roomId, item.eventId, viaServers(members));
      navigator.clipboard.writeText(uri).then(
        () => setAnnouncement(t('timeline.linkCopied')),
        (error: unknown) => {
          log.swallow('copying a message link', 'info')(error);
          setAnnouncement(t('timeline.linkCopyFailed'));
        },
      );
    },
    onForward: (item) => {
      const event = room.findEventById(item.eventId);
      const edited = event?.replacingEvent()?.getContent()['m.new_content'] as Record<string, unknown> | undefined;
      // What the message says now: its latest edit, else its own content.
      setForwarding(edited ?? event?.getContent() ?? { msgtype: 'm.text', body: item.body });
    },
    onQuote: (item) => onQuote(quoteText(item.body)),
    onTogglePin: (item) =>
      setPins(pinned.includes(item.eventId) ? withoutPin(pinned, item.eventId) : withPin(pinned, item.eventId)),
    onViewSource: (item) => setSource(room.findEventById(item.eventId) ?? null),
  };

  return {
    menu,
    pinnedBar: (
      <PinnedBar room={room} ids={pinned} canUnpin={mayPin} onUnpin={(eventId) => setPins(withoutPin(pinned, eventId))} />
    ),
    dialogs: (
      <>
        <ForwardDialog content={forwarding} onClose={() => setForwarding(null)} />
        <ViewSourceDialog event={source} onClose={() => setSource(null)} />
        <p className="message-actions-toast" role="status">
          {announcement}
        </p>
      </>
    ),
  };
}
