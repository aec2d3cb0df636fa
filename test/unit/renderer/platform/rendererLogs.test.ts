// The renderer's logging: batches for the platform, the module-level logger (level, console mirror,
// records made before the platform is connected), and the web build's in-memory log and diagnostics.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectLogs, flushLogs, rendererLogger, setLogLevel } from '../../../../src/renderer/platform/log.ts';
import { createLogBatcher } from '../../../../src/renderer/platform/logBatcher.ts';
import { WEB_LOG_MAX_RECORDS, WebPlatform } from '../../../../src/renderer/platform/WebPlatform.ts';
import type { LogRecord } from '../../../../src/shared/log/record.ts';

const record = (message: string): LogRecord => ({ time: '2030-01-02T03:04:05.678Z', level: 'info', scope: 's', message });

describe('createLogBatcher', () => {
  function setup(options: { maxBatch?: number; maxQueued?: number; fail?: boolean } = {}) {
    const sent: LogRecord[][] = [];
    const timers: (() => void)[] = [];
    const batcher = createLogBatcher({
      send: (records) => {
        sent.push(records);
        return options.fail ? Promise.reject(new Error('bridge gone')) : Promise.resolve();
      },
      maxBatch: options.maxBatch ?? 3,
      maxQueued: options.maxQueued ?? 100,
      delayMs: 1_000,
      setTimer: (run) => timers.push(run),
      now: () => new Date('2030-01-01T00:00:00.000Z'),
    });
    return { batcher, sent, timers };
  }

  it('sends after the delay, or at once when a batch is full, in order', async () => {
    const { batcher, sent, timers } = setup();
    batcher.add(record('a'));
    batcher.add(record('b'));
    expect(sent).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    await batcher.flush();
    expect(sent.map((b) => b.map((r) => r.message))).toEqual([['a', 'b']]);
    for (const m of ['c', 'd', 'e', 'f']) batcher.add(record(m));
    await batcher.flush();
    expect(sent.map((b) => b.map((r) => r.message))).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
  });

  it('drops the oldest beyond its queue and tells the platform how many', async () => {
    const { batcher, sent } = setup({ maxBatch: 1_000, maxQueued: 5 });
    for (let i = 0; i < 12; i += 1) batcher.add(record(String(i)));
    await batcher.flush();
    expect(sent[0]?.map((r) => r.message)).toEqual(['7 log records dropped before they were sent', '7', '8', '9', '10', '11']);
    expect(sent[0]?.[0]).toMatchObject({ level: 'warn', scope: 'log' });
  });

  it('keeps going when sending fails (a failure to log cannot be logged)', async () => {
    const { batcher, sent } = setup({ fail: true });
    batcher.add(record('a'));
    await expect(batcher.flush()).resolves.toBeUndefined();
    batcher.add(record('b'));
    await batcher.flush();
    expect(sent).toHaveLength(2);
  });
});

describe('rendererLogger', () => {
  afterEach(() => setLogLevel('info'));

  it('keeps records made before the platform is there, then sends them with the rest, within the level', async () => {
    const console = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
    const log = rendererLogger('sync');
    log('early, before connecting');
    log.debug('below the level: dropped');
    const received: LogRecord[] = [];
    connectLogs(
      {
        writeLogs: (records) => {
          received.push(...records);
          return Promise.resolve();
        },
      },
      { delayMs: 10_000, console },
    );
    log.warn('after', { status: 502 });
    setLogLevel('debug');
    log.debug('now shown');
    setLogLevel('not a level');
    log.debug('back to info: dropped');
    await flushLogs();
    expect(received.map((r) => `${r.level} ${r.scope} ${r.message}`)).toEqual([
      'info sync early, before connecting',
      'warn sync after',
      'debug sync now shown',
    ]);
    // The developer console shows the same, as [relais:scope] lines (E2E specs read them).
    expect(console.warn).toHaveBeenCalledWith('[relais:sync] after status=502');
    expect(console.debug).toHaveBeenCalledWith('[relais:sync] now shown');
    expect(console.info).not.toHaveBeenCalledWith(expect.stringContaining('dropped'));
  });

  it('redacts before anything leaves the logger, console included', async () => {
    const console = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
    const received: LogRecord[] = [];
    const writeLogs = (records: LogRecord[]) => {
      received.push(...records);
      return Promise.resolve();
    };
    connectLogs({ writeLogs }, { console });
    rendererLogger('session').error('restore failed: {"access_token":"syt_c2Vzc2lvbg_token_1"}');
    await flushLogs();
    expect(JSON.stringify(received)).not.toContain('syt_c2Vzc2lvbg');
    expect(JSON.stringify(console.error.mock.calls)).not.toContain('syt_c2Vzc2lvbg');
  });
});

describe('WebPlatform log and diagnostics', () => {
  it('keeps the newest records and downloads them, with the browser facts, in the diagnostics file', async () => {
    const download = vi.fn<(fileName: string, text: string) => void>();
    const web = new WebPlatform({
      languages: ['en'],
      open: () => undefined,
      download,
      about: { version: '0.1.0', userAgent: 'Mozilla/5.0 Test', platform: 'Linux x86_64', locale: 'en-GB' },
      now: () => new Date('2026-12-03T10:00:00.000Z'),
    });
    for (let i = 0; i < WEB_LOG_MAX_RECORDS + 10; i += 1) await web.writeLogs([record(`message ${i}`)]);
    await expect(web.exportDiagnostics()).resolves.toBe('downloaded');
    const [fileName, text] = download.mock.calls[0] ?? [];
    expect(fileName).toBe('relais-diagnostics-2026-12-03T10-00-00Z.txt');
    expect(text).toContain('Version: 0.1.0\nBuild: web\n');
    expect(text).toContain('User agent: Mozilla/5.0 Test');
    expect(text).toContain('Mode: none (no machine policy on this computer)');
    expect(text).toContain(`(${WEB_LOG_MAX_RECORDS} lines, oldest first; older lines not included)`);
    expect(text).toContain('2030-01-02T03:04:05.678Z INFO  [s] message 2009\n');
    expect(text).not.toContain('message 9\n');
  });

  it('says so when the page cannot download', async () => {
    const web = new WebPlatform({ languages: ['en'], open: () => undefined });
    await expect(web.exportDiagnostics()).rejects.toThrow('Downloads are not available here');
  });
});
