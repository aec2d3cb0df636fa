// The shared logger: the record it makes (redacted, cut, context kept to the allowlist), the line a
// record becomes, and the schema main checks the renderer's records against.
import { describe, expect, it } from 'vitest';
import { errorContext } from '../../../../src/shared/log/errors.ts';
import { escapeControls, formatRecord } from '../../../../src/shared/log/format.ts';
import { allowedContext, createLogger } from '../../../../src/shared/log/logger.ts';
import {
  levelEnabled,
  logRecordSchema,
  MAX_LOG_MESSAGE_LENGTH,
  type LogContext,
  type LogRecord,
} from '../../../../src/shared/log/record.ts';
import { createLogRingBuffer } from '../../../../src/renderer/platform/logRingBuffer.ts';

const AT = new Date('2030-01-02T03:04:05.678Z');

function capture(scope = 'test') {
  const records: LogRecord[] = [];
  const log = createLogger(
    scope,
    (record) => records.push(record),
    () => AT,
  );
  return { log, records };
}

describe('createLogger', () => {
  it('makes one record per call, with time, level, scope and message; calling it logs at info', () => {
    const { log, records } = capture('sync');
    log('started');
    log.error('e');
    log.warn('w');
    log.info('i');
    log.debug('d');
    expect(records).toEqual([
      { time: '2030-01-02T03:04:05.678Z', level: 'info', scope: 'sync', message: 'started' },
      { time: '2030-01-02T03:04:05.678Z', level: 'error', scope: 'sync', message: 'e' },
      { time: '2030-01-02T03:04:05.678Z', level: 'warn', scope: 'sync', message: 'w' },
      { time: '2030-01-02T03:04:05.678Z', level: 'info', scope: 'sync', message: 'i' },
      { time: '2030-01-02T03:04:05.678Z', level: 'debug', scope: 'sync', message: 'd' },
    ]);
    for (const record of records) expect(logRecordSchema.safeParse(record).success).toBe(true);
  });

  it('redacts the message and cuts it to the maximum length', () => {
    const { log, records } = capture();
    log(`sync?access_token=syt_abc_def_123&x=1 ${'a'.repeat(MAX_LOG_MESSAGE_LENGTH * 10)}`);
    const message = records[0]?.message ?? '';
    expect(message).not.toContain('syt_abc');
    expect(message).toContain('access_token=[redacted]&x=1');
    expect(message).toHaveLength(MAX_LOG_MESSAGE_LENGTH);
    expect(message.endsWith('…')).toBe(true);
  });

  it('keeps only allowlisted context fields, with scalar values, redacted', () => {
    const { log, records } = capture();
    const context = {
      status: 401,
      code: 'M_UNKNOWN_TOKEN',
      roomId: '!abc:example.org',
      host: 'syt_leaked_token_value',
      body: 'a message someone wrote',
      event: { content: { body: 'secret' } },
      count: { nested: 1 },
      durationMs: Number.NaN,
    } as unknown as LogContext;
    log.warn('request failed', context);
    expect(records[0]?.context).toEqual({
      status: 401,
      code: 'M_UNKNOWN_TOKEN',
      roomId: '!abc:example.org',
      host: 'syt_[redacted]',
    });
    expect(JSON.stringify(records)).not.toContain('secret');
    expect(JSON.stringify(records)).not.toContain('someone wrote');
  });

  it('leaves the context out when nothing in it is allowed', () => {
    const { log, records } = capture();
    log('x', { nothing: 'here' } as unknown as LogContext);
    log('y', null as unknown as LogContext);
    expect(records.map((r) => 'context' in r)).toEqual([false, false]);
    expect(allowedContext('a string')).toBeUndefined();
  });

  it('never throws, even when its sink does', () => {
    const log = createLogger('x', () => {
      throw new Error('disk on fire');
    });
    expect(() => log.error('still fine')).not.toThrow();
  });

  it('swallow() logs what failed with the error class, code and status, and returns nothing', () => {
    const { log, records } = capture('room');
    const matrixError = Object.assign(new Error('M_FORBIDDEN: You are not invited (access_token=syt_x_y_z)'), {
      name: 'MatrixError',
      errcode: 'M_FORBIDDEN',
      httpStatus: 403,
    });
    expect(log.swallow('sending a read receipt')(matrixError)).toBeUndefined();
    log.swallow('playing the call sound', 'info')('NotAllowedError');
    log.swallow('x', 'debug')({ some: 'object' });
    expect(records).toEqual([
      {
        time: AT.toISOString(),
        level: 'warn',
        scope: 'room',
        message: 'sending a read receipt failed (ignored): M_FORBIDDEN: You are not invited (access_token=[redacted])',
        context: { errorName: 'MatrixError', code: 'M_FORBIDDEN', status: 403 },
      },
      {
        time: AT.toISOString(),
        level: 'info',
        scope: 'room',
        message: 'playing the call sound failed (ignored): NotAllowedError',
      },
      { time: AT.toISOString(), level: 'debug', scope: 'room', message: 'x failed (ignored): a non-Error object was thrown' },
    ]);
  });
});

describe('errorContext', () => {
  it('takes the first line of the message, and a code only when it is an identifier', () => {
    const error = Object.assign(new TypeError('Failed to fetch\n    at stack line'), { code: 'not an identifier at all' });
    expect(errorContext(error)).toEqual({ summary: 'Failed to fetch', context: { errorName: 'TypeError' } });
    expect(errorContext(Object.assign(new Error(''), { code: 'timeout', status: 1e6 }))).toEqual({
      summary: 'Error',
      context: { errorName: 'Error', code: 'timeout' },
    });
    expect(errorContext(undefined).summary).toBe('no reason given');
    expect(errorContext(42).summary).toBe('42');
  });
});

describe('levelEnabled', () => {
  it('keeps a record at or above the threshold', () => {
    expect(levelEnabled('error', 'error')).toBe(true);
    expect(levelEnabled('warn', 'error')).toBe(false);
    expect(levelEnabled('info', 'info')).toBe(true);
    expect(levelEnabled('debug', 'info')).toBe(false);
    expect(levelEnabled('debug', 'debug')).toBe(true);
  });
});

describe('formatRecord', () => {
  it('writes one line: time, level, scope, message, context', () => {
    expect(
      formatRecord({
        time: AT.toISOString(),
        level: 'warn',
        scope: 'ipc',
        message: 'refused',
        context: { code: 'forbidden-sender', status: 403 },
      }),
    ).toBe('2030-01-02T03:04:05.678Z WARN  [ipc] refused code=forbidden-sender status=403');
  });

  it('escapes line breaks, controls and bidi overrides, so a message cannot forge another record', () => {
    const line = formatRecord({
      time: AT.toISOString(),
      level: 'info',
      scope: 'x',
      message: 'a\n2030-01-01T00:00:00.000Z ERROR [main] forged\r\u0007\u202etxt.exe\u2028',
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('a\\n2030-01-01');
    expect(line).toContain('\\r\\u0007\\u202etxt.exe\\u2028');
    expect(escapeControls('plain é 🔑')).toBe('plain é 🔑');
  });
});

describe('logRecordSchema (what main accepts from the renderer)', () => {
  const valid: LogRecord = { time: AT.toISOString(), level: 'info', scope: 'sync', message: 'ok', context: { count: 3 } };

  it('accepts a record the logger makes', () => {
    expect(logRecordSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['an unknown context field', { ...valid, context: { body: 'hello' } }],
    ['a sentence in an identifier field', { ...valid, context: { code: 'the message was: hello there' } }],
    ['an object in the context', { ...valid, context: { code: { nested: true } } }],
    ['an extra top-level field', { ...valid, content: 'x' }],
    ['a message over the limit', { ...valid, message: 'x'.repeat(MAX_LOG_MESSAGE_LENGTH + 1) }],
    ['a scope that pretends to be main', { ...valid, scope: 'main] forged [x' }],
    ['a level that does not exist', { ...valid, level: 'fatal' }],
    ['a time that is not ISO', { ...valid, time: 'yesterday' }],
    ['a room id that is not one', { ...valid, context: { roomId: 'hello world' } }],
  ])('refuses %s', (_what, record) => {
    expect(logRecordSchema.safeParse(record).success).toBe(false);
  });
});

describe('createLogRingBuffer', () => {
  const record = (message: string): LogRecord => ({ time: AT.toISOString(), level: 'info', scope: 's', message });

  it('keeps the newest records within the count, oldest first, and counts what it dropped', () => {
    const ring = createLogRingBuffer(3, 1e9);
    for (let i = 0; i < 5_000; i += 1) ring.push(record(String(i)));
    expect(ring.records().map((r) => r.message)).toEqual(['4997', '4998', '4999']);
    expect(ring.dropped).toBe(4_997);
  });

  it('keeps within the size, always keeping the newest record', () => {
    const ring = createLogRingBuffer(100, 300);
    ring.push(record('a'.repeat(100)));
    ring.push(record('b'.repeat(100)));
    ring.push(record('c'.repeat(1_000)));
    expect(ring.records().map((r) => r.message[0])).toEqual(['c']);
    ring.clear();
    expect(ring.records()).toEqual([]);
  });
});
