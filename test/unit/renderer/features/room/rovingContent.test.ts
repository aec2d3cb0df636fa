// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { setContentTabbable } from '../../../../../src/renderer/features/room/rovingContent.ts';

function message(): HTMLElement {
  const article = document.createElement('article');
  article.innerHTML = `
    <p class="message-body"><a href="https://example.org">a link</a> <a>no href</a></p>
    <button type="button" class="join">Join</button>
    <button type="button" class="own" tabindex="0">Has its own</button>
    <div class="message-toolbar"><button type="button" class="reply" tabindex="0">Reply</button></div>
    <ul class="reactions"><li><button type="button" class="chip" tabindex="-1">👍</button></li></ul>`;
  return article;
}

const tabIndexOf = (root: HTMLElement, selector: string) => root.querySelector<HTMLElement>(selector)?.getAttribute('tabindex');

describe('a message’s content in and out of the tab order', () => {
  it('takes links and buttons out, leaving the actions React manages and what set its own tabindex', () => {
    const root = message();
    setContentTabbable(root, false);
    expect(tabIndexOf(root, 'a[href]')).toBe('-1');
    expect(tabIndexOf(root, '.join')).toBe('-1');
    expect(tabIndexOf(root, 'a:not([href])')).toBeNull();
    expect(tabIndexOf(root, '.own')).toBe('0');
    expect(tabIndexOf(root, '.reply')).toBe('0');
    expect(tabIndexOf(root, '.chip')).toBe('-1');
  });

  it('puts back only what it took out, and is idempotent', () => {
    const root = message();
    setContentTabbable(root, false);
    setContentTabbable(root, false);
    setContentTabbable(root, true);
    expect(tabIndexOf(root, 'a[href]')).toBeNull();
    expect(tabIndexOf(root, '.join')).toBeNull();
    expect(tabIndexOf(root, '.own')).toBe('0');
    expect(tabIndexOf(root, '.chip')).toBe('-1');
    setContentTabbable(root, true);
    expect(tabIndexOf(root, '.join')).toBeNull();
  });
});
