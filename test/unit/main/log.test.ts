// Main's logging: one redacted line per record to stderr and to the log file, filtered by level.
import { describe, expect, it } from 'vitest';
import { createMainLogging } from '../../../src/main/log.ts';

function setup(level?: 'error' | 'warn' | 'info' | 'debug') {
  const stderr: string[] = [];
  const file: string[] = [];
  const logging = createMainLogging({
    stderr: (text) => stderr.push(text),
    now: () => new Date('2030-01-02T03:04:05.678Z'),
    ...(level ? { level } : {}),
  });
  return { logging, stderr, file, attach: () => logging.attachFile({ write: (line) => file.push(line) }) };
}

describe('createMainLogging', () => {
  it('writes one line per record to stderr, with time, level and scope', () => {
    const { logging, stderr } = setup();
    logging.logger('main')('hello');
    logging.logger('ipc').warn('refused', { code: 'forbidden-sender' });
    expect(stderr).toEqual([
      '2030-01-02T03:04:05.678Z INFO  [main] hello\n',
      '2030-01-02T03:04:05.678Z WARN  [ipc] refused code=forbidden-sender\n',
    ]);
  });

  it('writes the same lines, without newline, to the file once it is attached', () => {
    const { logging, file, attach } = setup();
    const log = logging.logger('main');
    log('before the file');
    attach();
    log('after');
    expect(file).toEqual(['2030-01-02T03:04:05.678Z INFO  [main] after']);
  });

  it('keeps only records at or above the level, which can change while running', () => {
    const { logging, stderr } = setup('warn');
    const log = logging.logger('main');
    log.info('dropped');
    log.warn('kept');
    logging.setLevel('debug');
    log.debug('now kept');
    logging.setLevel('error');
    log.warn('dropped again');
    log.error('always kept');
    expect(stderr.map((l) => l.split(' [main] ')[1])).toEqual(['kept\n', 'now kept\n', 'always kept\n']);
    expect(logging.level).toBe('error');
  });

  it('defaults to info', () => {
    const { logging, stderr } = setup();
    logging.logger('x').debug('not shown');
    expect(stderr).toEqual([]);
    expect(logging.level).toBe('info');
  });

  it('never writes a secret handed to it', () => {
    const { logging, stderr, file, attach } = setup();
    attach();
    logging.logger('sso')(`callback relais://app/sso-callback?loginToken=abc123 with Authorization: Bearer syt_dGVzdA_aaaa_bbb`);
    expect([...stderr, ...file].join()).not.toMatch(/abc123|syt_dGVzdA/);
  });
});
