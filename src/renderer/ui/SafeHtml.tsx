// Renders a message's HTML body after sanitising it to the tags and attributes the Matrix spec
// allows. Remote images are dropped (they would fetch from arbitrary hosts), links open outside.
import DOMPurify from 'dompurify';
import { useMemo } from 'react';

const ALLOWED_TAGS = [
  'font',
  'del',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'p',
  'a',
  'ul',
  'ol',
  'sup',
  'sub',
  'li',
  'b',
  'i',
  'u',
  'strong',
  'em',
  's',
  'strike',
  'code',
  'hr',
  'br',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'caption',
  'pre',
  'span',
  'details',
  'summary',
];
const ALLOWED_ATTR = ['href', 'data-mx-color', 'data-mx-bg-color', 'color', 'start', 'class'];
const SAFE_LINK = /^(https?:|mailto:)/i;

let hooked = false;
function ensureHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href)) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (node.hasAttribute('class') && !/^language-[\w-]+$/.test(node.getAttribute('class') ?? '')) node.removeAttribute('class');
  });
}

export function sanitizeMessageHtml(html: string): string {
  ensureHooks();
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false });
}

export interface SafeHtmlProps {
  html: string;
  className?: string;
  /** Applied to the sanitised HTML (code highlighting, table regions); adds only the app's own markup. */
  present?: (cleanHtml: string) => string;
}

export function SafeHtml({ html, className, present }: SafeHtmlProps) {
  const clean = useMemo(() => {
    const sanitised = sanitizeMessageHtml(html);
    return present ? present(sanitised) : sanitised;
  }, [html, present]);
  return <div className={className} dangerouslySetInnerHTML={{ __html: clean }} />;
}
