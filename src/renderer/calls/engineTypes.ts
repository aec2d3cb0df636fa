// The engine's public shapes: what it needs to join, and the snapshot the call UI renders.
import type { OpenIdToken } from '../../shared/call/index.ts';
import type { CallState, RecoveryPolicy } from './callState.ts';
import type { CallMediaEncryption } from './e2ee/mediaEncryption.ts';
import type { CallFocus } from './focus.ts';
import type { RemoteParticipant as Participant } from './participants.ts';
import type { SocketFactory } from './signaling.ts';

export type RemoteParticipant = Participant<MediaStreamTrack>;

export interface EngineOptions {
  focus: CallFocus;
  roomId: string;
  userId: string;
  deviceId: string;
  displayName: string;
  getOpenIdToken(): Promise<OpenIdToken>;
  /** The SFU refused the token `getOpenIdToken` gave (it may keep tokens for re-joins): do not give it again. */
  forgetOpenIdToken?(): void;
  createSocket?: SocketFactory;
  /** Retry window and backoff cap; the defaults suit people (about a minute). */
  recovery?: RecoveryPolicy;
  /**
   * End-to-end encryption of the media, made for each join (and stopped when the call ends); absent:
   * media is sent and received as it is (the SFU could read it). `changed`: its state for the UI moved;
   * `keyFrameNeeded`: a sender's video (participantKey) decrypts again and its decoder needs a key frame.
   */
  createEncryption?(changed: () => void, keyFrameNeeded: (participant: string) => void): CallMediaEncryption;
}

export interface CallSnapshot {
  state: CallState;
  participants: RemoteParticipant[];
  activeSpeakerPeerId: string | null;
  /** The last dominant speakers, most recent first: their tiles come first. */
  recentSpeakers: readonly string[];
  micOn: boolean;
  camOn: boolean;
  sharing: boolean;
  /** My camera and screen, for the self view. */
  localVideo: MediaStreamTrack | null;
  localScreen: MediaStreamTrack | null;
  /** My media is end-to-end encrypted, and I decrypt the others'. */
  encrypted: boolean;
  /** The others whose media does not decrypt (`userId|deviceId`, see participantKey). */
  undecryptable: ReadonlySet<string>;
}
