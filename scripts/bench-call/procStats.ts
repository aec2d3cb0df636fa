// CPU time and memory of a process from /proc (Linux): how much the SFU's mediasoup worker and its
// Node signaling process cost, measured from outside without instrumenting them.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux x86_64

export interface ProcSample {
  cpuSeconds: number;
  /** Time its main thread was runnable but waiting for a core (other processes had them). */
  waitSeconds: number;
  rssBytes: number;
  at: number;
}

export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  // schedstat: time on a CPU, time waiting on a run queue, timeslices (nanoseconds).
  const waitNs = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1] ?? 0);
  return {
    cpuSeconds: (utime + stime) / CLOCK_TICKS_PER_SECOND,
    waitSeconds: waitNs / 1e9,
    rssBytes: rssKb * 1024,
    at: performance.now(),
  };
}

/** Run-queue wait between two samples, in percent of the time: how much CPU the process was denied. */
export function waitPercent(a: ProcSample, b: ProcSample): number {
  return Math.round(((b.waitSeconds - a.waitSeconds) / ((b.at - a.at) / 1000)) * 1000) / 10;
}

/** CPU use between two samples, in percent of one core. */
export function cpuPercent(a: ProcSample, b: ProcSample): number {
  return Math.round(((b.cpuSeconds - a.cpuSeconds) / ((b.at - a.at) / 1000)) * 1000) / 10;
}

/** Child processes of `parent` whose command name starts with `name` (e.g. "mediasoup-work"). */
export function childrenNamed(parent: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && comm.startsWith(name)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** `root` and every process below it (Chromium's browser, renderers, GPU and utility processes). */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1)
    for (const [pid, ppid] of parentOf) if (ppid === tree[i] && !tree.includes(pid)) tree.push(pid);
  return tree;
}

/** CPU time and memory of several processes together; one that ended meanwhile counts as nothing. */
export function sampleProcesses(pids: readonly number[]): ProcSample {
  const total: ProcSample = { cpuSeconds: 0, waitSeconds: 0, rssBytes: 0, at: performance.now() };
  for (const pid of pids) {
    try {
      const one = sampleProcess(pid);
      total.cpuSeconds += one.cpuSeconds;
      total.waitSeconds += one.waitSeconds;
      total.rssBytes += one.rssBytes;
    } catch {
      // Gone.
    }
  }
  return total;
}
