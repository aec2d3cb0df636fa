// Entry point: `node sfu/src/main.ts [--config file.json]` (or RELAIS_SFU_CONFIG). Stops gracefully
// on SIGTERM/SIGINT: peers are told the call is restarting, sockets and workers are closed.
import { parseArgs } from 'node:util';
import { ConfigError, loadSfuConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startSfuServer } from './server.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string', short: 'c' } } });
  const config = loadSfuConfig({ file: values.config, env: process.env });
  const logger = createLogger(config.logLevel);
  const server = await startSfuServer(config, { logger });
  // A line tools can wait for (test/env/sfu.ts does).
  console.log(`relais-sfu ready on port ${server.port}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    const forced = setTimeout(() => process.exit(1), 10_000);
    forced.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`stopping failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Started by a test harness or the demo: do not outlive it, even if it was killed outright.
  const parentPid = Number(process.env.RELAIS_SFU_PARENT_PID);
  if (Number.isInteger(parentPid) && parentPid > 0) {
    setInterval(() => {
      try {
        process.kill(parentPid, 0);
      } catch {
        stop('parent gone');
      }
    }, 1000).unref();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
