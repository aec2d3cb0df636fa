// The formatting toolbar's and shortcuts' edits to the composer's text: each wraps or prefixes the
// selection in Markdown and says where the selection goes after, so typing continues naturally. Pure.

export type MarkdownFormat =
  'bold' | 'italic' | 'strikethrough' | 'inline-code' | 'code-block' | 'quote' | 'bulleted-list' | 'numbered-list' | 'link';

export const MARKDOWN_FORMATS: readonly MarkdownFormat[] = [
  'bold',
  'italic',
  'strikethrough',
  'inline-code',
  'code-block',
  'quote',
  'bulleted-list',
  'numbered-list',
  'link',
];

export interface TextEdit {
  text: string;
  selectionStart: number;
  selectionEnd: number;
}

const WRAPPERS: Partial<Record<MarkdownFormat, string>> = {
  bold: '**',
  italic: '_',
  strikethrough: '~~',
  'inline-code': '`',
};

/** What the link's address starts as, selected so that typing replaces it. */
export const LINK_PLACEHOLDER = 'https://';

export function applyFormat(edit: TextEdit, format: MarkdownFormat): TextEdit {
  const { text, selectionStart: start, selectionEnd: end } = edit;
  const selected = text.slice(start, end);
  const before = text.slice(0, start);
  const after = text.slice(end);
  const marker = WRAPPERS[format];
  if (marker) {
    // An empty selection gets the markers with the caret between them, ready to type into.
    const wrapped = `${marker}${selected}${marker}`;
    return { text: before + wrapped + after, selectionStart: start + marker.length, selectionEnd: end + marker.length };
  }
  if (format === 'link') {
    const label = `[${selected}](`;
    const addressStart = start + label.length;
    return {
      text: `${before}${label}${LINK_PLACEHOLDER})${after}`,
      selectionStart: addressStart,
      selectionEnd: addressStart + LINK_PLACEHOLDER.length,
    };
  }
  // Block formats start on a line of their own and end before the text that follows.
  const lead = before === '' || before.endsWith('\n') ? '' : '\n';
  const trail = after === '' || after.startsWith('\n') ? '' : '\n';
  let block: string;
  let innerOffset: number;
  if (format === 'code-block') {
    block = `\`\`\`\n${selected}\n\`\`\``;
    innerOffset = 4;
  } else {
    const lines = selected.split('\n');
    block = lines.map((line, i) => `${linePrefix(format, i)}${line}`).join('\n');
    innerOffset = linePrefix(format, 0).length;
  }
  const blockStart = start + lead.length;
  const caretEnd = format === 'code-block' ? blockStart + innerOffset + selected.length : blockStart + block.length;
  return {
    text: before + lead + block + trail + after,
    selectionStart: selected === '' ? blockStart + innerOffset : blockStart + (format === 'code-block' ? innerOffset : 0),
    selectionEnd: selected === '' ? blockStart + innerOffset : caretEnd,
  };
}

function linePrefix(format: MarkdownFormat, index: number): string {
  if (format === 'quote') return '> ';
  if (format === 'bulleted-list') return '- ';
  return `${index + 1}. `;
}

/** The format a shortcut asks for (Ctrl or ⌘ + B, I, E), or null. */
export function shortcutFormat(
  press: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean },
  mac: boolean,
): MarkdownFormat | null {
  const command = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  if (!command || press.altKey || press.shiftKey) return null;
  switch (press.key.toLowerCase()) {
    case 'b':
      return 'bold';
    case 'i':
      return 'italic';
    case 'e':
      return 'inline-code';
    default:
      return null;
  }
}
