// A small strict XML well-formedness checker and parser for the ADMX/ADML tests. Nothing suitable is
// a direct dependency, and the templates need only the core of XML 1.0: elements, attributes,
// character and predefined entity references, comments, CDATA and processing instructions. It
// rejects what a real parser would: unbalanced or crossed tags, unquoted or repeated attributes,
// a bare "&" or an unknown entity, "<" in attribute values, text or a second element outside the
// root, and DOCTYPE (not needed here, so refused rather than half-supported).

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {
  readonly line: number;
  constructor(message: string, text: string, offset: number) {
    const line = text.slice(0, offset).split('\n').length;
    super(`${message} (line ${line})`);
    this.line = line;
  }
}

const NAME = /[A-Za-z_:][A-Za-z0-9._:-]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(input: string): XmlElement {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new XmlError(message, text, at);
  };
  const startsWith = (s: string): boolean => text.startsWith(s, i);
  const skipSpace = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text.charAt(i))) i += 1;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const match = NAME.exec(text);
    if (!match) return fail('expected a name');
    i += match[0].length;
    return match[0];
  };
  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s<]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail('"&" must start an entity reference such as &amp;', at);
      if (Object.hasOwn(PREDEFINED, ref)) return PREDEFINED[ref]!;
      const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
      if (!numeric) return fail(`unknown entity &${ref};`, at);
      const code = numeric[1] === undefined ? Number(numeric[2]) : parseInt(numeric[1], 16);
      if (code === 0 || code > 0x10ffff) fail(`invalid character reference &${ref};`, at);
      return String.fromCodePoint(code);
    });
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) {
        const end = text.indexOf('-->', i + 4);
        if (end === -1) fail('unterminated comment');
        if (text.slice(i + 4, end).includes('--')) fail('"--" inside a comment');
        i = end + 3;
      } else if (startsWith('<?')) {
        const end = text.indexOf('?>', i);
        if (end === -1) fail('unterminated processing instruction');
        i = end + 2;
      } else if (startsWith('<!DOCTYPE')) {
        fail('DOCTYPE is not supported');
      } else {
        return;
      }
    }
  };
  const element = (): XmlElement => {
    if (!startsWith('<')) fail('expected "<"');
    i += 1;
    const tag = name();
    const node: XmlElement = { name: tag, attributes: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (startsWith('/>')) {
        i += 2;
        return node;
      }
      if (startsWith('>')) {
        i += 1;
        break;
      }
      if (i === before) fail('expected whitespace before an attribute');
      const attribute = name();
      skipSpace();
      if (!startsWith('=')) fail(`attribute ${attribute} needs a value`);
      i += 1;
      skipSpace();
      const quote = text.charAt(i);
      if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} value must be quoted`);
      const end = text.indexOf(quote, i + 1);
      if (end === -1) fail('unterminated attribute value');
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) fail('"<" in an attribute value');
      if (Object.hasOwn(node.attributes, attribute)) fail(`attribute ${attribute} appears twice`);
      node.attributes[attribute] = decode(raw, i);
      i = end + 1;
    }
    for (;;) {
      if (i >= text.length) fail(`<${tag}> is never closed`);
      if (startsWith('</')) {
        i += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`);
        skipSpace();
        if (!startsWith('>')) fail('expected ">"');
        i += 1;
        return node;
      }
      if (startsWith('<!--') || startsWith('<?')) skipMisc();
      else if (startsWith('<![CDATA[')) {
        const end = text.indexOf(']]>', i);
        if (end === -1) fail('unterminated CDATA section');
        node.text += text.slice(i + 9, end);
        i = end + 3;
      } else if (startsWith('<')) node.children.push(element());
      else {
        const next = text.indexOf('<', i);
        const end = next === -1 ? text.length : next;
        const raw = text.slice(i, end);
        if (raw.includes(']]>')) fail('"]]>" in text');
        node.text += decode(raw, i);
        i = end;
      }
    }
  };

  if (startsWith('<?xml') && !/^<\?xml\s+version="1\.[0-9]"/.test(text)) fail('malformed XML declaration');
  skipMisc();
  const root = element();
  skipMisc();
  if (i < text.length) fail('content after the root element');
  return root;
}

/** Every element named `name` anywhere below `root` (root included), in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = root.name === name ? [root] : [];
  for (const child of root.children) found.push(...findAll(child, name));
  return found;
}
