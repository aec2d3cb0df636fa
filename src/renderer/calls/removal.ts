// Whether a change of my own room membership ends my call there, and how to say why. The app sees
// this in its Matrix sync whether or not the SFU tells it (the SFU may be old, or unreachable), so
// a removed member's camera and microphone never keep running. Pure: tested as data.
import type { Removal } from './callState.ts';

export interface OwnMembershipChange {
  /** The new `membership` of my m.room.member event. */
  membership: string;
  /** Who sent it: me (I left, perhaps on another device) or someone else (a kick or a ban). */
  sender: string;
  me: string;
}

export function removalOf(change: OwnMembershipChange): Removal | null {
  if (change.membership === 'ban') return 'banned';
  if (change.membership === 'leave') return change.sender === change.me ? 'left-room' : 'kicked';
  return null;
}
