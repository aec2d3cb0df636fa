import { describe, expect, it } from 'vitest';
import { hasUnread, roomLinkLabel } from '../../../../../src/renderer/features/rooms/roomLinkLabel.ts';
import { initI18n } from '../../../../../src/renderer/i18n/i18n.ts';

const base = { name: 'Projet Alpha', kind: 'room' as const, unread: 0, mentions: 0 };

describe('roomLinkLabel', () => {
  it('is the bare name when nothing waits', async () => {
    const { t } = await initI18n(['en']);
    expect(roomLinkLabel(base, t)).toBe('Projet Alpha');
  });

  it('says the counts in English, with plural forms', async () => {
    const { t } = await initI18n(['en']);
    expect(roomLinkLabel({ ...base, unread: 3, mentions: 1 }, t)).toBe('Projet Alpha, 3 unread messages, 1 mention');
    expect(roomLinkLabel({ ...base, unread: 1 }, t)).toBe('Projet Alpha, 1 unread message');
    expect(roomLinkLabel({ ...base, unread: 4, mentions: 2 }, t)).toBe('Projet Alpha, 4 unread messages, 2 mentions');
  });

  it('says them in French', async () => {
    const { t } = await initI18n(['fr']);
    expect(roomLinkLabel({ ...base, unread: 3, mentions: 1 }, t)).toBe('Projet Alpha, 3 messages non lus, 1 mention');
    expect(roomLinkLabel({ ...base, unread: 1 }, t)).toBe('Projet Alpha, 1 message non lu');
  });

  it('names the kind of room before the counts', async () => {
    const { t } = await initI18n(['en']);
    expect(roomLinkLabel({ ...base, name: 'Marianne', kind: 'dm', unread: 2 }, t)).toBe(
      'Marianne, Direct message, 2 unread messages',
    );
    expect(roomLinkLabel({ ...base, kind: 'invite' }, t)).toBe('Projet Alpha, Invitation');
  });
});

describe('hasUnread', () => {
  it('is true with notifications or mentions waiting', () => {
    expect(hasUnread(base)).toBe(false);
    expect(hasUnread({ ...base, unread: 1 })).toBe(true);
    expect(hasUnread({ ...base, mentions: 1 })).toBe(true);
  });
});
