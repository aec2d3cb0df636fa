import { describe, expect, it } from 'vitest';
import { markStartup } from '../../../../src/renderer/platform/startupMarks.ts';

describe('start-up marks', () => {
  it('leaves a named performance mark, in order, for the benchmark and the performance panel', () => {
    performance.clearMarks();
    markStartup('boot');
    markStartup('session');
    const marks = performance.getEntriesByType('mark').map((m) => m.name);
    expect(marks).toEqual(['relais:boot', 'relais:session']);
  });
});
