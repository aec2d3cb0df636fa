import { ClientEvent, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import '../../../matrix/accountDataTypes.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../../../app/SessionContext.ts';
import {
  frequentEmoji,
  parseRecentEmoji,
  RECENT_EMOJI_TYPE,
  recentEmojiContent,
  withUsedEmoji,
  type RecentEmoji,
} from '../../../matrix/recentEmoji.ts';
import { rendererLogger } from '../../../platform/log.ts';

const log = rendererLogger('emoji');

function readRecent(client: MatrixClient): RecentEmoji {
  return parseRecentEmoji(client.getAccountData(RECENT_EMOJI_TYPE)?.getContent());
}

/**
 * The person's frequently used emoji (io.element.recent_emoji, shared with Element and their other
 * devices) and a way to count one more use. Written straight to the server: account data is not a
 * message, and losing one count offline does no harm.
 */
export function useRecentEmoji(): { frequent: string[]; recordUse: (emoji: string) => void } {
  const { client } = useSession();
  const [recent, setRecent] = useState<RecentEmoji>(() => readRecent(client));
  // What was last written or heard: two picks before the server echoes the first both count.
  const latest = useRef(recent);
  useEffect(() => {
    const onAccountData = (event: MatrixEvent) => {
      if (event.getType() !== RECENT_EMOJI_TYPE) return;
      latest.current = parseRecentEmoji(event.getContent());
      setRecent(latest.current);
    };
    client.on(ClientEvent.AccountData, onAccountData);
    return () => {
      client.off(ClientEvent.AccountData, onAccountData);
    };
  }, [client]);
  const recordUse = useCallback(
    (emoji: string) => {
      const next = withUsedEmoji(latest.current, emoji);
      latest.current = next;
      setRecent(next);
      client
        .setAccountData(RECENT_EMOJI_TYPE, recentEmojiContent(next))
        .catch(log.swallow('saving the recently used emoji', 'warn'));
    },
    [client],
  );
  return { frequent: frequentEmoji(recent), recordUse };
}
