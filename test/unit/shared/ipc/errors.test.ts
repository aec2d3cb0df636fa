import { describe, expect, it } from 'vitest';
import { IPC_ERROR_CODES, IpcError, isIpcErrorCode, parseEnvelope } from '../../../../src/shared/ipc/errors.ts';

const MALFORMED = { ok: false, error: { code: 'internal', message: 'Malformed IPC reply' } };

describe('parseEnvelope', () => {
  it('keeps an ok envelope and its value', () => {
    expect(parseEnvelope({ ok: true, value: { a: 1 } })).toEqual({ ok: true, value: { a: 1 } });
    expect(parseEnvelope({ ok: true, value: null })).toEqual({ ok: true, value: null });
    expect(parseEnvelope({ ok: true })).toEqual({ ok: true, value: undefined });
  });

  it.each(IPC_ERROR_CODES)('keeps an error envelope with code %s', (code) => {
    expect(parseEnvelope({ ok: false, error: { code, message: 'm' } })).toEqual({ ok: false, error: { code, message: 'm' } });
  });

  it('copies only code and message out of an error (no stack, no extra fields)', () => {
    const parsed = parseEnvelope({
      ok: false,
      error: { code: 'timeout', message: 'slow', stack: 'at /home/x', extra: 1 },
      junk: true,
    });
    expect(parsed).toEqual({ ok: false, error: { code: 'timeout', message: 'slow' } });
    if (!parsed.ok) expect(Object.keys(parsed.error)).toEqual(['code', 'message']);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'ok'],
    ['true', true],
    ['an array', [true, 1]],
    ['an empty object', {}],
    ['ok as a string', { ok: 'true', value: 1 }],
    ['ok as 1', { ok: 1, value: 1 }],
    ['ok false without error', { ok: false }],
    ['error null', { ok: false, error: null }],
    ['error a string', { ok: false, error: 'timeout' }],
    ['unknown code', { ok: false, error: { code: 'pwned', message: 'x' } }],
    ['code from Object.prototype', { ok: false, error: { code: 'toString', message: 'x' } }],
    ['code with different case', { ok: false, error: { code: 'TIMEOUT', message: 'x' } }],
    ['non-string message', { ok: false, error: { code: 'timeout', message: 5 } }],
    ['missing message', { ok: false, error: { code: 'timeout' } }],
    ['a function', () => ({ ok: true })],
    ['an Error', new Error('x')],
  ])('turns %s into an internal error', (_label, raw) => {
    expect(parseEnvelope(raw)).toEqual(MALFORMED);
  });

  it('an object inheriting ok:false but carrying no error is malformed', () => {
    const inherited: unknown = Object.create({ ok: false });
    expect(parseEnvelope(inherited)).toEqual(MALFORMED);
  });
});

describe('isIpcErrorCode and IpcError', () => {
  it('recognises only the declared codes', () => {
    for (const code of IPC_ERROR_CODES) expect(isIpcErrorCode(code)).toBe(true);
    for (const junk of ['', 'Internal', 'includes', 'length', 0, null, undefined, {}, ['internal']])
      expect(isIpcErrorCode(junk)).toBe(false);
  });

  it('IpcError is an Error with a code and a plain payload', () => {
    const error = new IpcError('timeout', 'too slow');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IpcError');
    expect(error.toPayload()).toEqual({ code: 'timeout', message: 'too slow' });
    expect(JSON.parse(JSON.stringify(error.toPayload()))).toEqual({ code: 'timeout', message: 'too slow' });
  });
});
