// The main process's logging: every record (main's own, and the renderer's once they arrive over
// IPC) is redacted by the shared logger, filtered by the log level machine policy or the user set,
// and written as one line to stderr and to the rotating log file in the profile (attached once the
// profile's folder is known; `--print-policy` never creates it).
import { formatRecord } from '../shared/log/format.ts';
import { createLogger as createSharedLogger, type Logger, type LogSink } from '../shared/log/logger.ts';
import { DEFAULT_LOG_LEVEL, levelEnabled, type LogLevel } from '../shared/log/record.ts';

export type Log = Logger;

/** Where formatted lines go besides stderr: the log file (rotatingFile.ts) has this shape. */
export interface LineWriter {
  write(line: string): void;
}

export interface MainLogging {
  /** A logger for one part of main; its records reach the sink below. */
  logger(scope: string): Logger;
  /** Takes records already made elsewhere (the renderer's, re-checked by rendererLogs.ts). */
  readonly sink: LogSink;
  attachFile(file: LineWriter): void;
  setLevel(level: LogLevel): void;
  readonly level: LogLevel;
}

export function createMainLogging(
  options: { stderr?: (text: string) => void; now?: () => Date; level?: LogLevel } = {},
): MainLogging {
  const stderr = options.stderr ?? ((text: string) => void process.stderr.write(text));
  let level = options.level ?? DEFAULT_LOG_LEVEL;
  let file: LineWriter | null = null;
  const sink: LogSink = (record) => {
    if (!levelEnabled(record.level, level)) return;
    const line = formatRecord(record);
    stderr(`${line}\n`);
    file?.write(line);
  };
  return {
    logger: (scope) => createSharedLogger(scope, sink, options.now),
    sink,
    attachFile(next) {
      file = next;
    },
    setLevel(next) {
      level = next;
    },
    get level() {
      return level;
    },
  };
}
