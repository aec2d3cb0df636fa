import { describe, expect, it } from 'vitest';
import { applyFormat, shortcutFormat, type TextEdit } from '../../../../../src/renderer/features/room/markdownFormat.ts';

/** The text with the selection marked as [ and ] (or | for a caret), to read the cases at a glance. */
function show({ text, selectionStart, selectionEnd }: TextEdit): string {
  if (selectionStart === selectionEnd) return `${text.slice(0, selectionStart)}|${text.slice(selectionStart)}`;
  return `${text.slice(0, selectionStart)}[${text.slice(selectionStart, selectionEnd)}]${text.slice(selectionEnd)}`;
}

function edit(marked: string): TextEdit {
  const caret = marked.indexOf('|');
  if (caret >= 0) return { text: marked.replace('|', ''), selectionStart: caret, selectionEnd: caret };
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  return { text: marked.replace('[', '').replace(']', ''), selectionStart: start, selectionEnd: end };
}

describe('Markdown formatting of the selection', () => {
  it('wraps the selection, which stays selected', () => {
    expect(show(applyFormat(edit('un [mot] ici'), 'bold'))).toBe('un **[mot]** ici');
    expect(show(applyFormat(edit('un [mot] ici'), 'italic'))).toBe('un _[mot]_ ici');
    expect(show(applyFormat(edit('[vieux]'), 'strikethrough'))).toBe('~~[vieux]~~');
    expect(show(applyFormat(edit('lancer [npm test]'), 'inline-code'))).toBe('lancer `[npm test]`');
  });

  it('with nothing selected, puts the caret between the markers', () => {
    expect(show(applyFormat(edit('Texte |'), 'bold'))).toBe('Texte **|**');
  });

  it('makes a link of the selection with the address selected to be typed over', () => {
    expect(show(applyFormat(edit('voir [le site]'), 'link'))).toBe('voir [le site]([https://])');
  });

  it('prefixes each selected line for quotes and lists, on lines of their own', () => {
    expect(show(applyFormat(edit('[a\nb]'), 'bulleted-list'))).toBe('[- a\n- b]');
    expect(show(applyFormat(edit('[a\nb]'), 'numbered-list'))).toBe('[1. a\n2. b]');
    expect(show(applyFormat(edit('Il a dit [bonjour]'), 'quote'))).toBe('Il a dit \n[> bonjour]');
    expect(show(applyFormat(edit('|'), 'bulleted-list'))).toBe('- |');
  });

  it('fences a code block around the selection, or opens an empty one', () => {
    expect(show(applyFormat(edit('[x = 1]'), 'code-block'))).toBe('```\n[x = 1]\n```');
    expect(show(applyFormat(edit('avant|après'), 'code-block'))).toBe('avant\n```\n|\n```\naprès');
  });

  it('reads Ctrl+B, I and E (⌘ on macOS), and nothing else', () => {
    const press = { ctrlKey: true, metaKey: false, altKey: false, shiftKey: false };
    expect(shortcutFormat({ ...press, key: 'b' }, false)).toBe('bold');
    expect(shortcutFormat({ ...press, key: 'I' }, false)).toBe('italic');
    expect(shortcutFormat({ ...press, key: 'e' }, false)).toBe('inline-code');
    expect(shortcutFormat({ ...press, key: 'k' }, false)).toBeNull();
    expect(shortcutFormat({ ...press, key: 'b', shiftKey: true }, false)).toBeNull();
    expect(shortcutFormat({ ...press, key: 'b' }, true)).toBeNull();
    expect(shortcutFormat({ ...press, ctrlKey: false, metaKey: true, key: 'b' }, true)).toBe('bold');
  });
});
