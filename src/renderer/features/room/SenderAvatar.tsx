import { useEffect, useState } from 'react';
import type { AvatarCache } from '../../matrix/avatars.ts';
import { avatarColour, initialOf } from './timelineLayout.ts';

export interface SenderAvatarProps {
  userId: string;
  name: string;
  mxc: string | null;
  avatars: AvatarCache | undefined;
}

/** A sender's picture once fetched; their initial on their own colour until then, or without one. */
export function SenderAvatar({ userId, name, mxc, avatars }: SenderAvatarProps) {
  // Keyed by the URI, so a person whose picture changed shows their initial until the new one arrives.
  const [loaded, setLoaded] = useState<{ mxc: string; url: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    if (mxc && avatars) void avatars.get(mxc).then((url) => live && setLoaded({ mxc, url }));
    return () => {
      live = false;
    };
  }, [mxc, avatars]);
  const url = loaded && loaded.mxc === mxc ? loaded.url : null;
  // Decorative: the sender's name is next to it, and in the message's accessible name.
  return (
    <span className={`sender-avatar sender-avatar-colour-${avatarColour(userId)}`} aria-hidden="true">
      {url ? <img src={url} alt="" /> : initialOf(name)}
    </span>
  );
}
