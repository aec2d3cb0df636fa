import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownToContent, markdownToHtml } from '../../../../src/renderer/matrix/messageContent.ts';

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

  it('sends block Markdown as HTML and keeps the body as typed', () => {
    const list = markdownToContent('Ordre du jour :\n\n- budget\n- recrutement');
    expect(list.body).toBe('Ordre du jour :\n\n- budget\n- recrutement');
    expect(list.formatted_body).toBe('<p>Ordre du jour :</p>\n<ul>\n<li>budget</li>\n<li>recrutement</li>\n</ul>');
    expect(markdownToContent('1. un\n2. deux').formatted_body).toBe('<ol>\n<li>un</li>\n<li>deux</li>\n</ol>');
    expect(markdownToContent('> cité\n> encore').formatted_body).toBe('<blockquote>\n<p>cité<br>encore</p>\n</blockquote>');
  });

  it('keeps the language of a fenced code block, escaped', () => {
    expect(markdownToContent('```ts\nif (a < b) run();\n```').formatted_body).toBe(
      '<pre><code class="language-ts">if (a &lt; b) run();\n</code></pre>',
    );
  });

  it('sends GFM tables', () => {
    const html = markdownToHtml('| Poste | Montant |\n|---|---:|\n| Loyer | 1 200 |');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>Poste</th>');
    expect(html).toContain('<td align="right">1 200</td>');
  });

  it('adds nothing for paragraphs and line breaks alone, and escapes typed HTML blocks', () => {
    expect(markdownToHtml('un\n\ndeux\ntrois')).toBeNull();
    // A typed HTML block stays text: nothing in it is interpreted, so the plain body says it all.
    expect(markdownToHtml('<div>\n**x**\n</div>')).toBeNull();
  });
});
