import { describe, expect, it } from 'vitest';
import { findMentionQuery, insertMention, mentionCandidates, withMentions } from '../../../../src/renderer/matrix/mentions.ts';
import { MsgType } from 'matrix-js-sdk';

const members = [
  { userId: '@dave:hs', name: 'Dave Martin' },
  { userId: '@eloise:hs', name: 'Éloïse Durand' },
  { userId: '@me:hs', name: 'Me' },
];

describe('mentions', () => {
  it('finds the query being typed after @, not inside words or e-mail addresses', () => {
    expect(findMentionQuery('Hello @da', 9)).toEqual({ start: 6, query: 'da' });
    expect(findMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(findMentionQuery('mail me@host', 12)).toBeNull();
    expect(findMentionQuery('Hello @dave there', 17)).toBeNull();
  });

  it('proposes members by name (accents ignored) or ID, never me', () => {
    expect(mentionCandidates(members, 'elo', '@me:hs').map((m) => m.userId)).toEqual(['@eloise:hs']);
    expect(mentionCandidates(members, 'DAVE', '@me:hs').map((m) => m.userId)).toEqual(['@dave:hs']);
    expect(mentionCandidates(members, '', '@me:hs')).toHaveLength(2);
  });

  it('inserts the chosen name and places the caret after it', () => {
    const at = { start: 6, query: 'da' };
    expect(insertMention('Hello @da, ok?', at, members[0]!)).toEqual({ text: 'Hello Dave Martin , ok?', caret: 18 });
  });

  it('sends pills and m.mentions for the names still in the text', () => {
    const content = withMentions({ msgtype: MsgType.Text, body: 'Dave Martin <b>look</b>' }, [members[0]!, members[1]!]);
    expect(content['m.mentions']).toEqual({ user_ids: ['@dave:hs'] });
    expect(content.formatted_body).toBe('<a href="https://matrix.to/#/%40dave%3Ahs">Dave Martin</a> &lt;b&gt;look&lt;/b&gt;');
  });
});
