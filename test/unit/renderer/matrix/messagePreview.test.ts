import { describe, expect, it } from 'vitest';
import {
  messagePreview,
  PREVIEW_MAX_LENGTH,
  previewSource,
  type PreviewableEvent,
} from '../../../../src/renderer/matrix/messagePreview.ts';

function text(body: string, overrides: Partial<PreviewableEvent> = {}): PreviewableEvent {
  return { type: 'm.room.message', content: { msgtype: 'm.text', body }, senderName: 'Carole', redacted: false, ...overrides };
}

describe('messagePreview', () => {
  it('the latest message, with who sent it', () => {
    expect(messagePreview([text('Bonjour'), text('Réunion à 10 h', { senderName: 'Pablo' })])).toBe('Pablo: Réunion à 10 h');
  });

  it('skips what is not a message: state changes, reactions, deleted messages', () => {
    expect(
      messagePreview([
        text('Le budget est prêt'),
        { type: 'm.room.member', content: { membership: 'join' }, senderName: 'Dave', redacted: false },
        { type: 'm.reaction', content: {}, senderName: 'Dave', redacted: false },
        text('oups', { redacted: true }),
      ]),
    ).toBe('Carole: Le budget est prêt');
  });

  it('an edit shows its new text', () => {
    const edit = text('* Réunion à 11 h', {
      content: {
        msgtype: 'm.text',
        body: '* Réunion à 11 h',
        'm.new_content': { msgtype: 'm.text', body: 'Réunion à 11 h' },
        'm.relates_to': { rel_type: 'm.replace', event_id: '$1' },
      },
    });
    expect(messagePreview([text('Réunion à 10 h'), edit])).toBe('Carole: Réunion à 11 h');
  });

  it('a reply shows the reply, not the quoted parent', () => {
    expect(messagePreview([text('> <@pablo:hs> On se voit ?\n> Demain ?\n\nOui, à 9 h')])).toBe('Carole: Oui, à 9 h');
  });

  it('emotes read as actions; line breaks fold into one line', () => {
    expect(messagePreview([text('arrive', { content: { msgtype: 'm.emote', body: 'arrive' } })])).toBe('* Carole arrive');
    expect(messagePreview([text('ligne 1\n\nligne   2')])).toBe('Carole: ligne 1 ligne 2');
  });

  it('nothing while the latest message is still encrypted (an older one would pass for the latest)', () => {
    expect(
      messagePreview([text('ancien'), { type: 'm.room.encrypted', content: {}, senderName: 'Carole', redacted: false }]),
    ).toBeUndefined();
  });

  it('nothing for a room without messages; long messages are cut with an ellipsis', () => {
    expect(messagePreview([])).toBeUndefined();
    const preview = messagePreview([text('x'.repeat(500))]);
    expect(preview).toHaveLength(PREVIEW_MAX_LENGTH);
    expect(preview?.endsWith('…')).toBe(true);
  });
});

describe('previewSource', () => {
  const reaction: PreviewableEvent = { type: 'm.reaction', content: {}, senderName: 'Pablo', redacted: false };

  it('the index of the message the line is read from, past reactions, redactions and empty bodies', () => {
    expect(previewSource([text('one'), text('two'), reaction, text('gone', { redacted: true }), text('')])).toBe(1);
  });

  it('the encrypted event that hides the latest message, -1 when nothing decides', () => {
    expect(previewSource([text('one'), { type: 'm.room.encrypted', content: {}, senderName: 'Pablo', redacted: false }])).toBe(1);
    expect(previewSource([reaction])).toBe(-1);
    expect(previewSource([])).toBe(-1);
  });

  it('the events from there on give the same line', () => {
    const events = [text('one'), text('two'), reaction, reaction];
    expect(messagePreview(events.slice(previewSource(events)))).toBe(messagePreview(events));
  });
});
