// The optional separate listener for the homeserver's pushes (config `appservice.listen`): bind it
// to loopback or a private interface and the AS API is not reachable from the internet at all.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppServiceHandler } from './routes.ts';

export async function startAppServiceListener(
  listen: { host: string; port: number },
  routes: AppServiceHandler,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (!routes(request, response)) response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
