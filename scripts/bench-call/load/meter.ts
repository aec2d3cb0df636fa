// The receiving side of synthetic participants. A few *metered* receivers read their packets (one
// UDP socket; each SFU recv transport sends from its own port, which names the receiver) and count
// RTP packets and bytes: that is the per-client downlink. The others' transports send to a *sink*:
// a UDP socket held by a tiny process that never reads it, so the kernel drops the packets once its
// small buffer is full. The SFU does the same forwarding work either way; only the clients' reading,
// which would compete with the SFU for the machine's two cores, is left out.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { isRtcp } from './rtp.ts';

export interface ReceiverCount {
  packets: number;
  bytes: number;
}

/** As much as net.core.rmem_max allows (4 MiB here): the event loop also paces the senders and may stall. */
const METER_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * Packets the kernel dropped for the UDP sockets bound to `ports` (the last column of /proc/net/udp),
 * because their owner did not read them in time: at the meter, packets the SFU did forward; at the
 * SFU's own sockets, packets its worker never saw (saturated, or starved of CPU by other processes).
 */
export function udpDrops(procNetUdp: string, ports: ReadonlySet<number>): number {
  let drops = 0;
  for (const line of procNetUdp.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const port = parseInt(fields[1]?.split(':')[1] ?? '', 16);
    if (ports.has(port)) drops += Number(fields.at(-1) ?? 0);
  }
  return drops;
}

export function readUdpDrops(ports: ReadonlySet<number>): number {
  return udpDrops(readFileSync('/proc/net/udp', 'utf8'), ports);
}

export class Meter {
  private readonly socket: Socket = createSocket({ type: 'udp4', recvBufferSize: METER_BUFFER_BYTES });
  private readonly bySourcePort = new Map<number, ReceiverCount>();
  port = 0;

  async bind(): Promise<void> {
    this.socket.on('message', (packet, from) => {
      const count = this.bySourcePort.get(from.port);
      if (!count || isRtcp(packet)) return;
      count.packets++;
      count.bytes += packet.length;
    });
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    this.port = this.socket.address().port;
  }

  /** Counts what arrives from the SFU transport listening on `sfuPort`. */
  track(sfuPort: number): ReceiverCount {
    const count = { packets: 0, bytes: 0 };
    this.bySourcePort.set(sfuPort, count);
    return count;
  }

  /** Packets dropped at this meter's socket so far (see udpDrops). */
  drops(): number {
    return readUdpDrops(new Set([this.port]));
  }

  untrackAll(): void {
    this.bySourcePort.clear();
  }

  close(): void {
    this.socket.close();
  }
}

// SO_RCVBUF at its minimum and never read: the kernel keeps a few packets and drops the rest.
const SINK_SCRIPT = `import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
sys.stdin.read()
`;

export interface Sink {
  port: number;
  pid: number;
  close(): void;
}

/** The sink process (python3, which Debian installs); it ends when its stdin closes or it is killed. */
export async function startSink(): Promise<Sink> {
  const child: ChildProcess = spawn('python3', ['-c', SINK_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the UDP sink exited (${code})`)));
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    port,
    pid: child.pid ?? -1,
    close: () => {
      child.stdin?.end();
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}
