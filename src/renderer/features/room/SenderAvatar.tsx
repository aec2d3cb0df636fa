import type { AvatarCache } from '../../matrix/avatars.ts';
import { useAvatarUrl } from '../rooms/useAvatarCache.ts';
import { avatarColour, initialOf } from './timelineLayout.ts';

export interface SenderAvatarProps {
  userId: string;
  name: string;
  mxc: string | null;
  avatars: AvatarCache | undefined;
}

/** A sender's picture once fetched; their initial on their own colour until then, or without one. */
export function SenderAvatar({ userId, name, mxc, avatars }: SenderAvatarProps) {
  const url = useAvatarUrl(mxc, avatars);
  // Decorative: the sender's name is next to it, and in the message's accessible name.
  return (
    <span className={`sender-avatar sender-avatar-colour-${avatarColour(userId)}`} aria-hidden="true">
      {url ? <img src={url} alt="" /> : initialOf(name)}
    </span>
  );
}
