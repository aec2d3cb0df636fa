// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { presentMessageHtml } from '../../../../src/renderer/ui/messageHtml.ts';
import { sanitizeMessageHtml } from '../../../../src/renderer/ui/SafeHtml.tsx';

const LABELS = { table: 'Table' };

describe('presenting a sanitised message body', () => {
  it('highlights a code block in a known language, its text still escaped', () => {
    const html = presentMessageHtml('<pre><code class="language-ts">const a: number = 1 &lt; 2;\n</code></pre>', LABELS);
    expect(html).toContain('<code class="language-ts hljs">');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('&lt;');
    expect(html).not.toContain('1 < 2');
  });

  it('leaves code in an unknown or unnamed language as plain text', () => {
    const unknown = '<pre><code class="language-cobol">MOVE A TO B.</code></pre>';
    expect(presentMessageHtml(unknown, LABELS)).toBe(unknown);
    expect(presentMessageHtml('<pre><code>x = 1</code></pre>', LABELS)).toBe('<pre><code>x = 1</code></pre>');
  });

  it('puts each table in a named, focusable region that scrolls on its own', () => {
    const html = presentMessageHtml('<table><tbody><tr><td>1</td></tr></tbody></table>', LABELS);
    expect(html).toBe(
      '<div class="message-table" role="region" tabindex="0" aria-label="Table"><table><tbody><tr><td>1</td></tr></tbody></table></div>',
    );
  });

  it('returns anything else untouched', () => {
    expect(presentMessageHtml('<strong>x</strong>', LABELS)).toBe('<strong>x</strong>');
  });

  it('works on what the sanitiser kept: a script in a code block stays text', () => {
    const clean = sanitizeMessageHtml(
      '<pre><code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;</code></pre><script>x</script>',
    );
    const html = presentMessageHtml(clean, LABELS);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;');
    expect(html).toContain('hljs-tag');
  });

  it('keeps the table tags of the spec and drops unknown classes', () => {
    const clean = sanitizeMessageHtml(
      '<table class="x"><thead><tr><th>a</th></tr></thead><tbody><tr><td onclick="x()">1</td></tr></tbody></table>',
    );
    expect(clean).toBe('<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>');
  });
});
