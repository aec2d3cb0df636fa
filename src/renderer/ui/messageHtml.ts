// What a sanitised message body becomes before it is shown: code blocks highlighted, tables in a region
// that scrolls sideways on its own (so a wide table never makes the page scroll at 320 px) and that the
// keyboard can reach and scroll. Runs on HTML DOMPurify has already cleaned; adds only its own markup.
import { highlightCode } from './codeHighlight.ts';

export interface MessageHtmlLabels {
  /** The accessible name of a table's scrolling region. */
  table: string;
}

export function presentMessageHtml(cleanHtml: string, labels: MessageHtmlLabels): string {
  if (!cleanHtml.includes('<pre') && !cleanHtml.includes('<table')) return cleanHtml;
  const template = document.createElement('template');
  template.innerHTML = cleanHtml;
  for (const code of template.content.querySelectorAll('pre > code[class^="language-"]')) {
    const language = code.className.slice('language-'.length);
    const highlighted = highlightCode(code.textContent, language);
    if (highlighted !== null) {
      // highlight.js escapes the text itself: the only markup is its token spans.
      code.innerHTML = highlighted;
      code.classList.add('hljs');
    }
  }
  for (const table of template.content.querySelectorAll('table')) {
    const region = document.createElement('div');
    region.className = 'message-table';
    region.setAttribute('role', 'region');
    region.setAttribute('tabindex', '0');
    region.setAttribute('aria-label', labels.table);
    table.replaceWith(region);
    region.append(table);
  }
  return template.innerHTML;
}
