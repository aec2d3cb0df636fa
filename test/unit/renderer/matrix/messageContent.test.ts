import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownToContent } from '../../../../src/renderer/matrix/messageContent.ts';

describe('outgoing message content', () => {
  it('stays plain when Markdown adds no formatting', () => {
    expect(markdownToContent('  Bonjour à tous  ')).toEqual({ msgtype: 'm.text', body: 'Bonjour à tous' });
    expect(markdownToContent('"Tom & Jerry"')).toEqual({ msgtype: 'm.text', body: '"Tom & Jerry"' });
  });

  it('adds HTML when there is formatting, and typed HTML is shown as text', () => {
    expect(markdownToContent('**important**')).toMatchObject({ formatted_body: '<strong>important</strong>' });
    expect(markdownToContent('<b>x</b> **y**').formatted_body).toBe('&lt;b&gt;x&lt;/b&gt; <strong>y</strong>');
    expect(escapeHtml('<a>&')).toBe('&lt;a&gt;&amp;');
  });

  it('sends /me as an emote, Markdown and all, and /plain as typed', () => {
    expect(markdownToContent('salue **tout** le monde', 'emote')).toMatchObject({
      msgtype: 'm.emote',
      body: 'salue **tout** le monde',
      formatted_body: 'salue <strong>tout</strong> le monde',
    });
    expect(markdownToContent('**pas en gras**', 'plain')).toEqual({ msgtype: 'm.text', body: '**pas en gras**' });
  });
});
