// Time-bounded fuzzing: RELAIS_FUZZ_MS (default 3000) of mutations; CI can run it longer with
// RELAIS_FUZZ_MS=60000. A failure message names the seed to replay with RELAIS_FUZZ_SEED.
import { describe, expect, it } from 'vitest';
import { parseTeamsLink } from '../../../../src/shared/teams/index.ts';
import { buildCorpus, fuzzDurationFromEnv, mutate, runFuzz, runFuzzFromEnv } from './fuzz.ts';
import { createPrng } from '../../support/prng.ts';

const DURATION_MS = fuzzDurationFromEnv();

describe('Teams link fuzzing', () => {
  it('starts from a corpus the recogniser accepts', () => {
    const corpus = buildCorpus(createPrng(1));
    const accepted = corpus.filter((entry) => parseTeamsLink(entry) !== null);
    expect(accepted.length).toBeGreaterThan(corpus.length / 2);
  });

  it('mutates deterministically for a given seed', () => {
    const corpus = buildCorpus(createPrng(7));
    const run = (): string[] => {
      const prng = createPrng(42);
      return Array.from({ length: 50 }, () => mutate(prng, prng.pick(corpus), corpus));
    };
    expect(run()).toEqual(run());
  });

  it('replays a fixed seed for a fixed number of iterations', () => {
    expect(runFuzz({ seed: 20_250_612, durationMs: 60_000, maxIterations: 200 })).toMatchObject({ iterations: 200 });
  });

  it(
    `never throws, stays within 50 ms per call and keeps every invariant for ${DURATION_MS} ms`,
    () => {
      const report = runFuzzFromEnv();
      expect(report.iterations).toBeGreaterThan(0);
    },
    DURATION_MS + 60_000,
  );
});
