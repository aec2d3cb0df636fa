import { describe, expect, it } from 'vitest';
import { ParticipantBook, slotOf } from '../../../../src/renderer/calls/participants.ts';

// Tracks are opaque to the book: plain objects stand in for MediaStreamTracks.
interface FakeTrack {
  id: string;
}
const tracks = new Map<string, FakeTrack>();
const track = (id: string): FakeTrack => tracks.get(id) ?? tracks.set(id, { id }).get(id) ?? { id };

describe('participant bookkeeping', () => {
  it('maps producers to the tiles of the peers who send them', () => {
    const book = new ParticipantBook<FakeTrack>();
    book.addPeer({ peerId: 'p1', userId: '@a:hs', deviceId: 'D', displayName: 'Alice' });
    book.addProducer('p1', 'mic', 'microphone', false);
    book.addProducer('p1', 'cam', 'camera', true);
    book.setTrack('mic', track('a'));
    book.setTrack('cam', track('v'));
    expect(book.list()).toEqual([
      {
        peerId: 'p1',
        userId: '@a:hs',
        deviceId: 'D',
        displayName: 'Alice',
        audio: track('a'),
        video: track('v'),
        screen: null,
        audioMuted: false,
        videoMuted: true,
        sharingScreen: false,
      },
    ]);
  });

  it('follows mute, producer close and peer departure', () => {
    const book = new ParticipantBook<FakeTrack>();
    book.addPeer({ peerId: 'p1', userId: '@a:hs', deviceId: 'D' });
    book.addProducer('p1', 'mic', 'microphone', false);
    book.setTrack('mic', track('a'));
    book.setPaused('mic', true);
    expect(book.list()[0]).toMatchObject({ audioMuted: true, audio: track('a') });
    book.removeProducer('mic');
    expect(book.list()[0]?.audio).toBeNull();
    book.addProducer('p1', 'scr', 'screen', false);
    expect(book.removePeer('p1')).toEqual(['scr']);
    expect(book.list()).toEqual([]);
    expect(book.producer('scr')).toBeUndefined();
  });

  it('ignores producers of unknown peers and unknown producers, and adds a peer once', () => {
    const book = new ParticipantBook<FakeTrack>();
    book.addProducer('ghost', 'x', 'camera', false);
    book.setTrack('x', track('v'));
    book.setPaused('nope', true);
    book.addPeer({ peerId: 'p1', userId: '@a:hs', deviceId: 'D' });
    book.addPeer({ peerId: 'p1', userId: '@other:hs', deviceId: 'E' });
    expect(book.list().map((p) => p.userId)).toEqual(['@a:hs']);
  });

  it('knows a screen is shared before (and without) receiving it, so its tile can exist and be received', () => {
    const book = new ParticipantBook<FakeTrack>();
    book.addPeer({ peerId: 'p1', userId: '@a:hs', deviceId: 'D' });
    book.addProducer('p1', 's', 'screen', false);
    expect(book.list()[0]).toMatchObject({ sharingScreen: true, screen: null });
    book.removeProducer('s');
    expect(book.list()[0]?.sharingScreen).toBe(false);
    expect(book.producerList()).toEqual([]);
  });

  it('plays microphone, camera and screen; screen audio has no slot in this version', () => {
    expect(['microphone', 'camera', 'screen', 'screen-audio'].map((s) => slotOf(s as 'camera'))).toEqual([
      'audio',
      'video',
      'screen',
      null,
    ]);
  });
});
