import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/main/log.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createLogger', () => {
  it('prefixes each line with an ISO timestamp and the scope', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-02T03:04:05.678Z'));
    const lines: string[] = [];
    const log = createLogger('main', (line) => lines.push(line));
    log('hello');
    log('');
    expect(lines).toEqual(['2030-01-02T03:04:05.678Z [main] hello', '2030-01-02T03:04:05.678Z [main] ']);
  });

  it('uses the current time at each call, not at creation', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
    const lines: string[] = [];
    const log = createLogger('ipc', (line) => lines.push(line));
    vi.setSystemTime(new Date('2031-06-15T12:00:00.000Z'));
    log('later');
    expect(lines).toEqual(['2031-06-15T12:00:00.000Z [ipc] later']);
  });

  it('keeps scopes apart', () => {
    const lines: string[] = [];
    createLogger('a', (line) => lines.push(line))('x');
    createLogger('b', (line) => lines.push(line))('y');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[a\] x$/);
    expect(lines[1]).toMatch(/ \[b\] y$/);
  });

  it('writes to stderr with a newline by default', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    createLogger('main')('to stderr');
    expect(write).toHaveBeenCalledTimes(1);
    const written = write.mock.calls[0]?.[0];
    expect(typeof written).toBe('string');
    expect(String(written)).toMatch(/ \[main\] to stderr\n$/);
  });
});
