// A TCP load balancer for the multi-node SFU tests, standing in for the one a deployment puts in
// front of its nodes: each new connection goes to the next node in turn; a node that refuses the
// connection (dead) is skipped for the next one. Loopback only.
import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpBalancer {
  port: number;
  /** Which node (index in `ports`) each connection went to, in order. */
  assignments: number[];
  close(): Promise<void>;
}

export async function startTcpBalancer(ports: readonly number[]): Promise<TcpBalancer> {
  let next = 0;
  const assignments: number[] = [];
  const open = new Set<Socket>();

  function connectFrom(client: Socket, start: number, tries: number): void {
    if (tries >= ports.length) {
      client.destroy();
      return;
    }
    const index = (start + tries) % ports.length;
    const upstream = createConnection({ host: '127.0.0.1', port: ports[index] ?? 0 });
    upstream.once('connect', () => {
      assignments.push(index);
      open.add(upstream);
      upstream.once('close', () => open.delete(upstream));
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
      client.resume();
    });
    upstream.once('error', () => {
      if (!open.has(upstream)) connectFrom(client, start, tries + 1);
    });
  }

  const server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    const start = next;
    next = (next + 1) % ports.length;
    connectFrom(client, start, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    assignments,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
