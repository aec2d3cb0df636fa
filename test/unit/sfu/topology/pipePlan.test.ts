import { describe, expect, it } from 'vitest';
import { missingPipes, pipeKey, pipesInvolving } from '../../../../sfu/src/topology/pipePlan.ts';

describe('missingPipes', () => {
  it('pipes each producer into every router but its home', () => {
    const producers = [
      { producerId: 'p1', homeRouterId: 'A' },
      { producerId: 'p2', homeRouterId: 'B' },
    ];
    expect(missingPipes(producers, ['A', 'B', 'C'], new Set())).toEqual([
      { producerId: 'p1', from: 'A', to: 'B' },
      { producerId: 'p1', from: 'A', to: 'C' },
      { producerId: 'p2', from: 'B', to: 'A' },
      { producerId: 'p2', from: 'B', to: 'C' },
    ]);
  });

  it('never pipes a producer twice into the same router', () => {
    const producers = [{ producerId: 'p1', homeRouterId: 'A' }];
    expect(missingPipes(producers, ['A', 'B', 'C'], new Set([pipeKey('p1', 'B')]))).toEqual([
      { producerId: 'p1', from: 'A', to: 'C' },
    ]);
  });

  it('needs nothing for a call on one router', () => {
    expect(missingPipes([{ producerId: 'p1', homeRouterId: 'A' }], ['A'], new Set())).toEqual([]);
  });
});

describe('pipesInvolving', () => {
  const piped = new Set([pipeKey('p1', 'B'), pipeKey('p1', 'C'), pipeKey('p2', 'C')]);

  it('finds the pipes of a closed producer', () => {
    expect(pipesInvolving(piped, { producerId: 'p1' })).toEqual([pipeKey('p1', 'B'), pipeKey('p1', 'C')]);
  });

  it('finds the pipes into a closed router', () => {
    expect(pipesInvolving(piped, { routerId: 'C' })).toEqual([pipeKey('p1', 'C'), pipeKey('p2', 'C')]);
  });
});
