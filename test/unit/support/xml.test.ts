// The ADMX/ADML checks are only as good as this checker, so it is tested on its own.
import { describe, expect, it } from 'vitest';
import { findAll, parseXml } from './xml.ts';

describe('parseXml (strict well-formedness)', () => {
  it('parses elements, attributes, entities, comments, CDATA and a declaration', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="utf-8"?>\n<!-- c -->\n<a x="1 &amp; 2" y=\'&#x41;&#66;\'>t&lt;<b/><![CDATA[<raw>]]><?pi data?></a>\n',
    );
    expect(root).toEqual({
      name: 'a',
      attributes: { x: '1 & 2', y: 'AB' },
      children: [{ name: 'b', attributes: {}, children: [], text: '' }],
      text: 't<<raw>',
    });
    expect(findAll(root, 'b')).toHaveLength(1);
  });

  it.each([
    ['crossed tags', '<a><b></a></b>', /closes/],
    ['an unclosed element', '<a><b></b>', /never closed/],
    ['an unquoted attribute', '<a x=1/>', /must be quoted/],
    ['a repeated attribute', '<a x="1" x="2"/>', /appears twice/],
    ['attributes without whitespace', '<a x="1"y="2"/>', /whitespace/],
    ['a bare ampersand', '<a>fish & chips</a>', /entity reference/],
    ['an unknown entity', '<a>&nbsp;</a>', /unknown entity/],
    ['"<" in an attribute', '<a x="<"/>', /"<" in an attribute/],
    ['two root elements', '<a/><b/>', /after the root/],
    ['text outside the root', 'hello<a/>', /expected "<"/],
    ['"--" in a comment', '<a><!-- a -- b --></a>', /inside a comment/],
    ['a DOCTYPE', '<!DOCTYPE a><a/>', /DOCTYPE/],
    ['a malformed declaration', "<?xml encoding='x'?><a/>", /declaration/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseXml(text)).toThrow(message);
  });

  it('reports the line of the error', () => {
    expect(() => parseXml('<a>\n<b>\n</c>\n</a>')).toThrow(/\(line 3\)/);
  });
});
