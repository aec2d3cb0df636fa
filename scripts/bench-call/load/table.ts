// The human-readable table bench:call's load mode prints beside its JSON line.
import type { LoadRunResult } from './loadCall.ts';

export function loadTable(
  runs: { sfu: LoadRunResult; direct: LoadRunResult; workerCpuRatio: number | null }[],
  twoHost: LoadRunResult[] | null,
): string {
  const header = [
    'participants',
    'server',
    'worker CPU %',
    'worker waiting %',
    'server input drops/s',
    'signaling CPU %',
    'generator CPU %',
    'in pkt/s',
    'out pkt/s',
    'delivered',
    'downlink kbit/s/client',
    'CPU %/stream',
    'max participants/core @20fps',
  ];
  const all = [...runs.flatMap(({ sfu, direct }) => [sfu, direct]), ...(twoHost ?? [])];
  const rows = all.map((run) => [
    String(run.participants),
    run.backend,
    run.workerCpuPctEach.length > 1 ? run.workerCpuPctEach.join(' + ') : String(run.workerCpuPct),
    String(run.workerWaitPct),
    String(run.serverInputDroppedPps),
    run.signalingCpuPct.length === 0 ? '-' : run.signalingCpuPct.join(' + '),
    String(run.generatorCpuPct),
    String(run.inPps),
    String(run.figures.outPps),
    `${Math.round(run.figures.deliveredRatio * 100)} %`,
    String(run.perClientDownlinkKbps),
    String(run.figures.costPerForwardedStreamPctCore),
    run.figures.maxParticipantsPerCore === null ? 'saturated' : String(run.figures.maxParticipantsPerCore),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ');
  const ratios = runs.map((r) => `${r.sfu.participants}: SFU/baseline worker CPU ${r.workerCpuRatio ?? '-'}`).join('; ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].concat(ratios).join('\n');
}
