// Bundles the bench page (mediasoup-client + the app's call engine) and the app's media worker (for
// encrypted calls) with esbuild and serves them on loopback (a secure context, so getUserMedia works
// with Chromium's fake devices).
import { createServer } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { build } from 'esbuild';

export async function startBenchPageServer(): Promise<{ open(browser: Browser): Promise<Page>; close(): Promise<void> }> {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  const js = bundle.outputFiles[0]?.text ?? '';
  const workerBundle = await build({
    entryPoints: [path.join(import.meta.dirname, '..', '..', 'src', 'renderer', 'calls', 'e2ee', 'frameWorker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  const worker = workerBundle.outputFiles[0]?.text ?? '';
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(js);
    else if (req.url === '/frameWorker.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(worker);
    else
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  return {
    async open(browser) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(url);
      await page.waitForFunction(() => 'benchCall' in globalThis);
      return page;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
