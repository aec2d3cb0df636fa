import { describe, expect, it } from 'vitest';
import { chooseWorker } from '../../../../sfu/src/topology/placement.ts';

const workers = (...loads: (number | null)[]) => loads.map((load, index) => ({ index, alive: load !== null, load: load ?? 0 }));

describe('chooseWorker', () => {
  it('starts a call on the least loaded live worker', () => {
    expect(chooseWorker(workers(3, 1, 2), [], 20)).toBe(1);
    expect(chooseWorker(workers(null, 5, 2), [], 20)).toBe(2);
  });

  it('keeps a call on its routers while they have room, even if another worker is idler', () => {
    expect(chooseWorker(workers(4, 0), [{ workerIndex: 0, peers: 4 }], 20)).toBe(0);
  });

  it('spreads to the least loaded worker once the call’s routers are full', () => {
    expect(chooseWorker(workers(2, 0, 1), [{ workerIndex: 0, peers: 2 }], 2)).toBe(1);
  });

  it('among the call’s routers with room, picks the least loaded worker', () => {
    const routers = [
      { workerIndex: 0, peers: 1 },
      { workerIndex: 1, peers: 1 },
    ];
    expect(chooseWorker(workers(7, 3), routers, 5)).toBe(1);
  });

  it('with one peer per router, every newcomer goes to the least loaded worker', () => {
    expect(chooseWorker(workers(1, 0), [{ workerIndex: 0, peers: 1 }], 1)).toBe(1);
    expect(
      chooseWorker(
        workers(1, 1),
        [
          { workerIndex: 0, peers: 1 },
          { workerIndex: 1, peers: 1 },
        ],
        1,
      ),
    ).toBe(0);
  });

  it('ignores a router on a dead worker, and answers null when no worker is alive', () => {
    expect(chooseWorker(workers(null, 3), [{ workerIndex: 0, peers: 1 }], 20)).toBe(1);
    expect(chooseWorker(workers(null, null), [], 20)).toBeNull();
  });
});
