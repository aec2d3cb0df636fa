// A minimal logger for the main process. Callers pass messages that hold no secrets (no tokens, no
// passwords, no full URLs with queries); this module adds a timestamp and a scope.
export type Log = (message: string) => void;

export function createLogger(scope: string, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Log {
  return (message) => write(`${new Date().toISOString()} [${scope}] ${message}`);
}
