// Mutation fuzzer for the Teams link recogniser. It mutates a corpus of valid links, invitations and
// known-nasty strings with a seeded PRNG and checks, for every call: no exception, under the time
// budget, and every non-null result within the validation invariants (allowlisted host, ids matching
// their patterns, canonical URL rebuilt from the fields and stable when parsed again).
//
// Used by fuzz.test.ts (RELAIS_FUZZ_MS, default 3000 ms) and runnable on its own:
//   RELAIS_FUZZ_MS=60000 node test/unit/shared/teams/fuzz.ts        (RELAIS_FUZZ_SEED=<n> to replay)
import { fileURLToPath } from 'node:url';
import {
  findTeamsLinks,
  inspectLink,
  inspectLinksInText,
  parseTeamsInvitation,
  parseTeamsLink,
  type LinkInspection,
  type TeamsInvitation,
  type TeamsMeeting,
} from '../../../../src/shared/teams/index.ts';
import { check, checkInspection, checkInvitation, checkMeeting } from './fuzzInvariants.ts';
import { buildCorpus, mutate } from './fuzzMutations.ts';
import { createPrng, seedFromEnv } from '../../support/prng.ts';
import { bestOfThreeMs, CALL_BUDGET_MS, timeMs } from './timing.ts';

export { buildCorpus, mutate } from './fuzzMutations.ts';

export const DEFAULT_FUZZ_MS = 3000;
const MAX_CORPUS = 600;

export interface FuzzOptions {
  readonly seed: number;
  /** Stop after this long... */
  readonly durationMs: number;
  /** ...or after this many iterations (to replay a failure exactly). */
  readonly maxIterations?: number;
  readonly budgetMs?: number;
}

export interface FuzzReport {
  readonly seed: number;
  readonly iterations: number;
  readonly calls: number;
  readonly elapsedMs: number;
  readonly meetingsFound: number;
  readonly slowestMs: number;
  /** Entry point and input of the slowest call, to investigate before it becomes a failure. */
  readonly slowest: string;
  readonly slowestInput: string;
}

function describeInput(input: string): string {
  return JSON.stringify(input.length > 2000 ? `${input.slice(0, 2000)}… (${input.length} chars)` : input);
}

/** Runs the fuzzer; throws an Error naming the seed, iteration and input on the first failure. */
export function runFuzz(options: FuzzOptions): FuzzReport {
  const { seed, durationMs, maxIterations = Number.POSITIVE_INFINITY, budgetMs = CALL_BUDGET_MS } = options;
  const prng = createPrng(seed);
  const corpus = buildCorpus(prng);
  const started = performance.now();
  let iterations = 0;
  let calls = 0;
  let meetingsFound = 0;
  let slowestMs = 0;
  let slowest = '';
  let slowestInput = '';

  while (iterations < maxIterations && performance.now() - started < durationMs) {
    const input = mutate(prng, prng.pick(corpus), corpus);
    const entries: [string, () => unknown, (result: unknown) => void][] = [
      ['findTeamsLinks', () => findTeamsLinks(input), (r) => (r as TeamsMeeting[]).forEach(checkMeeting)],
      ['inspectLinksInText', () => inspectLinksInText(input), (r) => (r as LinkInspection[]).forEach(checkInspection)],
      ['parseTeamsInvitation', () => parseTeamsInvitation(input), (r) => r !== null && checkInvitation(r as TeamsInvitation)],
    ];
    if (input.length <= 70_000) {
      entries.push(
        ['parseTeamsLink', () => parseTeamsLink(input), (r) => r !== null && checkMeeting(r as TeamsMeeting)],
        ['inspectLink', () => inspectLink(input), (r) => checkInspection(r as LinkInspection)],
      );
    }
    for (const [name, run, verify] of entries) {
      let result: unknown;
      try {
        let ms = timeMs(() => (result = run()));
        if (ms > budgetMs) ms = bestOfThreeMs(run, budgetMs);
        if (ms > slowestMs) {
          slowestMs = ms;
          slowestInput = input;
          slowest = `${name} ${describeInput(input.length > 300 ? `${input.slice(0, 300)}…` : input)} (${input.length} chars)`;
        }
        check(ms <= budgetMs, `took ${ms.toFixed(1)} ms (budget ${budgetMs} ms)`);
        verify(result);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `Teams fuzz failure: seed ${seed} (replay: RELAIS_FUZZ_SEED=${seed}), iteration ${iterations}, ${name}: ${reason}\ninput: ${describeInput(input)}`,
          { cause: error },
        );
      }
      calls++;
    }
    const meeting = parseTeamsLink(input);
    if (meeting) {
      meetingsFound++;
      // Keep valid mutants: the next generations explore around what is still accepted.
      if (corpus.length < MAX_CORPUS) corpus.push(input);
      else corpus[prng.int(corpus.length)] = input;
    }
    iterations++;
  }
  return { seed, iterations, calls, elapsedMs: performance.now() - started, meetingsFound, slowestMs, slowest, slowestInput };
}

export function fuzzDurationFromEnv(): number {
  const value = Number(process.env.RELAIS_FUZZ_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_FUZZ_MS;
}

function formatReport(report: FuzzReport): string {
  const perSecond = Math.round(report.iterations / (report.elapsedMs / 1000));
  return (
    `Teams fuzz: seed ${report.seed}, ${report.iterations} iterations (${perSecond}/s), ${report.calls} calls, ` +
    `${report.meetingsFound} valid mutants, slowest call ${report.slowestMs.toFixed(1)} ms: ${report.slowest}`
  );
}

export function runFuzzFromEnv(): FuzzReport {
  const seed = seedFromEnv('RELAIS_FUZZ_SEED');
  console.log(`Teams fuzz: seed ${seed}, ${fuzzDurationFromEnv()} ms`);
  const report = runFuzz({ seed, durationMs: fuzzDurationFromEnv() });
  console.log(formatReport(report));
  return report;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    runFuzzFromEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
