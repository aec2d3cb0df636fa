import { EventTimeline, EventType, RoomEvent, type Room } from 'matrix-js-sdk';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoomVersion } from './useRoomEvents.ts';
import './roomHeader.css';

/** The name, topic and members change through state events, which arrive on the timeline. */
const HEADER_CHANGES = { events: [RoomEvent.Name, RoomEvent.CurrentStateUpdated, RoomEvent.Timeline] as const };

export interface RoomHeaderProps {
  room: Room;
  encrypted: boolean;
  /** The room's actions (call, verify, invite, leave), at the header's end. */
  children: ReactNode;
}

export function RoomHeader({ room, encrypted, children }: RoomHeaderProps) {
  const { t } = useTranslation();
  const version = useRoomVersion(room, HEADER_CHANGES);
  const { topic, members } = useMemo(
    () => ({ topic: topicOf(room), members: room.getJoinedMemberCount() }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells the state changed
    [room, version],
  );
  const [topicOpen, setTopicOpen] = useState(false);
  return (
    <header className="room-header">
      <div className="room-header-text">
        <div className="room-header-title">
          <h1 id="room-title">{room.name}</h1>
          {encrypted ? <span className="pill">{t('room.encrypted')}</span> : null}
          <span className="room-member-count">{t('room.memberCount', { count: members })}</span>
        </div>
        {topic ? (
          // One line until asked for more: a long topic must not push the messages down.
          <button
            type="button"
            className={topicOpen ? 'room-topic room-topic-open' : 'room-topic'}
            aria-expanded={topicOpen}
            title={topic}
            onClick={() => setTopicOpen((open) => !open)}
          >
            {topic}
          </button>
        ) : null}
      </div>
      <div className="room-header-actions">{children}</div>
    </header>
  );
}

function topicOf(room: Room): string {
  const topic: unknown = room
    .getLiveTimeline()
    .getState(EventTimeline.FORWARDS)
    ?.getStateEvents(EventType.RoomTopic, '')
    ?.getContent().topic;
  return typeof topic === 'string' ? topic.trim() : '';
}
