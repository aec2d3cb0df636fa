import { describe, expect, it } from 'vitest';
import { menuActions, quoteText, type MenuAbilities } from '../../../../../src/renderer/features/room/messageActions.ts';
import type { TimelineItem } from '../../../../../src/renderer/matrix/timeline.ts';

function item(overrides: Partial<TimelineItem>): TimelineItem {
  return {
    eventId: '$e',
    sender: '@me:hs',
    senderName: 'me',
    timestamp: 0,
    kind: 'text',
    body: 'hello',
    formattedBody: null,
    edited: false,
    pending: false,
    mine: true,
    senderAvatar: null,
    replyTo: null,
    reactions: [],
    media: null,
    ...overrides,
  };
}

const none: MenuAbilities = { redactOthers: false, pin: false, pinned: false, developerMode: false };

describe('menuActions', () => {
  it('offers Edit and Delete on one’s own text, and the rest to everyone', () => {
    expect(menuActions(item({}), none)).toEqual(['edit', 'delete', 'copyLink', 'forward', 'quote']);
  });
  it('offers Delete on others’ messages only with the power to redact', () => {
    expect(menuActions(item({ mine: false }), none)).toEqual(['copyLink', 'forward', 'quote']);
    expect(menuActions(item({ mine: false }), { ...none, redactOthers: true })).toContain('delete');
  });
  it('offers Pin or Unpin with the power to, and View source in developer mode', () => {
    expect(menuActions(item({}), { ...none, pin: true })).toContain('pin');
    expect(menuActions(item({}), { ...none, pin: true, pinned: true })).toContain('unpin');
    expect(menuActions(item({}), { ...none, developerMode: true }).at(-1)).toBe('viewSource');
  });
  it('does not quote or edit a file', () => {
    expect(menuActions(item({ kind: 'file' }), none)).toEqual(['delete', 'copyLink', 'forward']);
  });
  it('offers nothing that needs a server event id while the message is still in the outbox', () => {
    expect(menuActions(item({ pending: true }), none)).toEqual([]);
    expect(menuActions(item({ pending: true }), { ...none, developerMode: true })).toEqual(['viewSource']);
  });
});

describe('quoteText', () => {
  it('puts every line behind "> " and ends with a blank line', () => {
    expect(quoteText('one\n\ntwo  \n')).toBe('> one\n>\n> two\n\n');
  });
});
