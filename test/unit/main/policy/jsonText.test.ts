import { describe, expect, it } from 'vitest';
import { offsetFromJsonError, parseJsonText, positionAt } from '../../../../src/main/policy/jsonText.ts';

function failure(text: string): { message: string; line: number; column: number } {
  const parsed = parseJsonText(text);
  if (parsed.ok) throw new Error('expected a parse failure');
  return { message: parsed.message, ...parsed.position };
}

describe('positionAt', () => {
  it('gives 1-based line and column for an offset', () => {
    const text = '{\n  "a": 1,\n  "b" 2\n}';
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, text.indexOf('"b"'))).toEqual({ line: 3, column: 3 });
    expect(positionAt(text, text.length)).toEqual({ line: 4, column: 2 });
  });

  it('counts CRLF line endings once', () => {
    expect(positionAt('{\r\n"a"', 3)).toEqual({ line: 2, column: 1 });
  });
});

describe('offsetFromJsonError', () => {
  const text = 'line one\nline two\nline three';
  it('reads "at position N"', () => {
    expect(offsetFromJsonError('Unexpected token } in JSON at position 12', text)).toBe(12);
  });
  it('reads "(line L column C)" when no position is given', () => {
    expect(offsetFromJsonError('Something odd (line 2 column 6)', text)).toBe(14);
  });
  it('uses the end of the text for "Unexpected end of JSON input"', () => {
    expect(offsetFromJsonError('Unexpected end of JSON input', text)).toBe(text.length);
  });
  it('gives undefined when the message has no position', () => {
    expect(offsetFromJsonError(`Unexpected token '}', "{"a": tru}" is not valid JSON`, text)).toBeUndefined();
  });
});

describe('parseJsonText: bad JSON', () => {
  it('reports a missing colon at its line and column', () => {
    const result = failure('{\n  "logLevel": "info",\n  "syncMode" "auto"\n}');
    expect(result).toMatchObject({ line: 3, column: 14 });
    expect(result.message).toMatch(/^not valid JSON: /);
    expect(result.message).not.toMatch(/position|line \d/);
  });

  it('reports a trailing comma where the next key was expected', () => {
    expect(failure('{\n  "a": 1,\n}')).toMatchObject({ line: 3, column: 1 });
  });

  it('finds the position itself when V8 does not say (bad literal) and does not echo the file', () => {
    const result = failure('{\n  "credential": "s3cret", "b": tru\n}');
    expect(result).toMatchObject({ line: 2, column: 32 });
    expect(result.message).not.toContain('s3cret');
  });

  it('reports a truncated file at its end', () => {
    expect(failure('{\n  "a": [1, 2')).toMatchObject({ line: 2, column: 13 });
  });

  it('calls an empty file empty', () => {
    expect(failure('  \n')).toMatchObject({ message: 'not valid JSON: the file is empty' });
  });

  it('reports comments, which JSON does not allow', () => {
    expect(failure('{\n  // no comments\n  "a": 1\n}')).toMatchObject({ line: 2, column: 3 });
  });
});

describe('parseJsonText: valid JSON', () => {
  it('parses values and ignores a UTF-8 byte order mark', () => {
    const parsed = parseJsonText('\uFEFF{"a": [1, {"b": true}]}');
    expect(parsed.ok && parsed.value).toEqual({ a: [1, { b: true }] });
  });

  it('locates keys, array elements, and the nearest parent of missing paths', () => {
    const text = '{\n  "calls": {\n    "iceServers": [\n      { "urls": "turn:x" }\n    ]\n  }\n}';
    const parsed = parseJsonText(text);
    if (!parsed.ok) throw new Error('should parse');
    expect(parsed.locate(['calls'])).toEqual({ line: 2, column: 3 });
    expect(parsed.locate(['calls', 'iceServers'])).toEqual({ line: 3, column: 5 });
    expect(parsed.locate(['calls', 'iceServers', 0])).toEqual({ line: 4, column: 7 });
    expect(parsed.locate(['calls', 'iceServers', 0, 'urls'])).toEqual({ line: 4, column: 9 });
    expect(parsed.locate(['calls', 'iceServers', 0, 'username'])).toEqual({ line: 4, column: 7 });
    expect(parsed.locate([])).toEqual({ line: 1, column: 1 });
  });

  it('decodes escaped key names when locating', () => {
    const parsed = parseJsonText('{"a\\u0062c": 1}');
    expect(parsed.ok && parsed.locate(['abc'])).toEqual({ line: 1, column: 2 });
  });

  it('finds repeated keys, which JSON.parse silently resolves to the last one', () => {
    const parsed = parseJsonText('{\n  "logLevel": "info",\n  "logLevel": "debug"\n}');
    expect(parsed.ok && parsed.duplicateKeys).toEqual([{ path: ['logLevel'], position: { line: 3, column: 3 } }]);
  });
});
