import { describe, expect, it } from 'vitest';
import { forwardContent } from '../../../../src/renderer/matrix/forward.ts';

describe('forwardContent', () => {
  it('drops relations, edits and mentions', () => {
    expect(
      forwardContent({
        msgtype: 'm.text',
        body: 'hello',
        'm.relates_to': { rel_type: 'm.thread', event_id: '$t' },
        'm.new_content': { body: 'x' },
        'm.mentions': { user_ids: ['@a:hs'] },
      }),
    ).toEqual({ msgtype: 'm.text', body: 'hello' });
  });
  it('removes a reply’s quoted fallback, text and HTML', () => {
    expect(
      forwardContent({
        msgtype: 'm.text',
        body: '> <@a:hs> question\n\nanswer',
        format: 'org.matrix.custom.html',
        formatted_body: '<mx-reply><blockquote>question</blockquote></mx-reply>answer',
        'm.relates_to': { 'm.in_reply_to': { event_id: '$q' } },
      }),
    ).toEqual({ msgtype: 'm.text', body: 'answer', format: 'org.matrix.custom.html', formatted_body: 'answer' });
  });
  it('keeps a quote the author wrote in a message that is not a reply', () => {
    expect(forwardContent({ msgtype: 'm.text', body: '> cited\n\nmine' }).body).toBe('> cited\n\nmine');
  });
  it('keeps a file’s content whole', () => {
    const file = { msgtype: 'm.file', body: 'a.pdf', url: 'mxc://hs/x', info: { size: 3 } };
    expect(forwardContent(file)).toEqual(file);
  });
});
