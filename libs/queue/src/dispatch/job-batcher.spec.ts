import { BatchResult, JobBatcher } from './job-batcher';

/** A batch runner that the test lets finish: records each batch it was given. */
function gatedRunner(answer: (item: number) => BatchResult<string>) {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const run = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map(answer);
  };
  /** Lets the oldest running batch finish, and the batcher start the next. */
  const finishOne = async () => {
    gates.shift()!();
    for (let turn = 0; turn < 5; turn++) await Promise.resolve();
  };
  return { batches, run, finishOne };
}

const fulfilled = (item: number): BatchResult<string> => ({
  status: 'fulfilled',
  value: `done ${item}`,
});

describe('JobBatcher', () => {
  it('runs a call at once when a slot is free, and gathers the calls that wait', async () => {
    const runner = gatedRunner(fulfilled);
    const batcher = new JobBatcher(runner.run, { maxBatch: 10, maxInFlight: 1 });
    const first = batcher.submit(1);
    const rest = [2, 3, 4].map((item) => batcher.submit(item));
    expect(runner.batches).toEqual([[1]]);

    await runner.finishOne();
    expect(await first).toBe('done 1');
    expect(runner.batches).toEqual([[1], [2, 3, 4]]);
    await runner.finishOne();
    expect(await Promise.all(rest)).toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('runs up to maxInFlight batches at once, each of at most maxBatch items', async () => {
    const runner = gatedRunner(fulfilled);
    const batcher = new JobBatcher(runner.run, { maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((item) => batcher.submit(item));
    expect(runner.batches).toEqual([[1], [2]]);
    await runner.finishOne();
    expect(runner.batches).toEqual([[1], [2], [3, 4]]);
    await runner.finishOne();
    await runner.finishOne();
    await runner.finishOne();
    expect(runner.batches).toEqual([[1], [2], [3, 4], [5, 6], [7]]);
    await runner.finishOne();
    expect(await Promise.all(all)).toHaveLength(7);
  });

  it('puts a deferred item first in the next batch', async () => {
    let deferOnce = true;
    const runner = gatedRunner((item) => {
      if (item === 2 && deferOnce) {
        deferOnce = false;
        return { status: 'deferred' };
      }
      return fulfilled(item);
    });
    const batcher = new JobBatcher(runner.run, { maxBatch: 10, maxInFlight: 1 });
    const all = [1, 2, 3, 4].map((item) => batcher.submit(item));
    await runner.finishOne();
    await runner.finishOne();
    expect(runner.batches).toEqual([[1], [2, 3, 4], [2]]);
    await runner.finishOne();
    expect(await Promise.all(all)).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
  });

  it('answers each item as the batch says, and rejects the whole batch when the run throws', async () => {
    const batcher = new JobBatcher(
      async (items: number[]) => {
        if (items.includes(9)) throw new Error('batch broke');
        return items.map((item): BatchResult<string> =>
          item % 2 === 0
            ? { status: 'rejected', reason: new Error(`refused ${item}`) }
            : fulfilled(item),
        );
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(batcher.submit(1)).resolves.toBe('done 1');
    await expect(batcher.submit(2)).rejects.toThrow('refused 2');
    await expect(batcher.submit(9)).rejects.toThrow('batch broke');
  });

  it('rejects the items of a batch that deferred them all, rather than running it forever', async () => {
    let runs = 0;
    const batcher = new JobBatcher(
      async (items: number[]) => {
        runs += 1;
        return items.map((): BatchResult<string> => ({ status: 'deferred' }));
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(batcher.submit(1)).rejects.toThrow('the batch deferred every item');
    expect(runs).toBe(1);
  });
});
