// The room's thread side panel, as RoomView places it: the list, one thread, or nothing.
import type { Room } from 'matrix-js-sdk';
import type { AvatarCache } from '../../matrix/avatars.ts';
import type { OutboxEntry } from '../../matrix/outbox/outboxState.ts';
import type { LiveThreads } from '../../matrix/threadList.ts';
import { threadEntries } from '../../matrix/threads.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { ThreadList } from './ThreadList.tsx';
import { ThreadPanel } from './ThreadPanel.tsx';
import type { useThreadPanel } from './useThreadPanel.ts';

export interface RoomThreadsProps {
  room: Room;
  panel: ReturnType<typeof useThreadPanel>;
  /** The threads the loaded timeline holds, merged into the server's list. */
  live: LiveThreads;
  /** The room's whole outbox; this thread's entries are shown in its panel. */
  pending: readonly OutboxEntry[];
  avatars: AvatarCache | undefined;
  onDelete: (item: TimelineItem) => void;
}

export function RoomThreads({ room, panel, live, pending, avatars, onDelete }: RoomThreadsProps) {
  const { state } = panel;
  if (state.kind === 'list') return <ThreadList room={room} live={live} onOpen={panel.openThread} onClose={panel.close} />;
  if (state.kind !== 'thread') return null;
  return (
    <ThreadPanel
      key={state.rootId}
      room={room}
      rootId={state.rootId}
      pending={threadEntries(pending, state.rootId)}
      avatars={avatars}
      onDelete={onDelete}
      onClose={panel.close}
    />
  );
}
