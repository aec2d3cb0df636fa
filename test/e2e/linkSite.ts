// A small site on loopback with Open Graph tags and a picture, for link previews: the homeserver
// fetches it (never Relais), and it records who asked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solidPng } from './matrixApi.ts';

export interface PageServer {
  url: string;
  /** User agents of the requests it answered. */
  agents: string[];
  close: () => Promise<void>;
}

/** A small site on loopback with Open Graph tags and a picture, as the homeserver will fetch it. */
export async function servePage(): Promise<PageServer> {
  const agents: string[] = [];
  const png = solidPng(64, [0, 120, 80]);
  const server: Server = createServer((request, response) => {
    agents.push(request.headers['user-agent'] ?? '');
    if (request.url?.startsWith('/logo.png')) {
      response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      return;
    }
    const { port } = server.address() as AddressInfo;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head>
      <title>Circulaire</title>
      <meta property="og:title" content="Circulaire du 3 mars sur le télétravail">
      <meta property="og:description" content="Les nouvelles règles pour les agents de l’État.">
      <meta property="og:site_name" content="Intranet ministériel">
      <meta property="og:image" content="http://127.0.0.1:${port}/logo.png">
      </head><body>Texte</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/circulaire`,
    agents,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
