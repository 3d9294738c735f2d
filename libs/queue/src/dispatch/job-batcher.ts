/** What a batch says of one of its items. */
export type BatchResult<R> =
  | { status: 'fulfilled'; value: R }
  | { status: 'rejected'; reason: unknown }
  /** Not handled in this batch (it clashed with another item): goes into the next one. */
  | { status: 'deferred' };

export interface JobBatcherOptions {
  /** The most items one batch takes. */
  maxBatch: number;
  /** The most batches that run at once. */
  maxInFlight: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (reason: unknown) => void;
}

/**
 * Lets concurrent job handlers share one unit of work: the items submitted while the running
 * batches are busy wait, and the next batch takes them together. A call that finds a batch slot
 * free runs at once, alone, so a quiet queue adds no latency; under load the batches grow with
 * the load, and the cost of a commit is shared by as many items as arrived during the last one.
 *
 * `run` answers each item in order; a deferred item goes to the front of the queue for the next
 * batch (a batch must answer at least one item). If `run` itself throws, every item of the batch
 * is rejected with its error.
 */
export class JobBatcher<T, R> {
  private readonly waiting: Array<Waiting<T, R>> = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: T[]) => Promise<Array<BatchResult<R>>>,
    private readonly options: JobBatcherOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.runOne(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async runOne(batch: Array<Waiting<T, R>>): Promise<void> {
    let results: Array<BatchResult<R>>;
    try {
      results = await this.run(batch.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    const deferred: Array<Waiting<T, R>> = [];
    const answered = results.some((result) => result?.status !== 'deferred');
    batch.forEach((waiting, index) => {
      const result = results[index] ?? {
        status: 'rejected',
        reason: new Error('the batch gave no answer for this item'),
      };
      if (result.status === 'fulfilled') waiting.resolve(result.value);
      else if (result.status === 'rejected') waiting.reject(result.reason);
      // A batch that answers nothing would come round again forever.
      else if (!answered) waiting.reject(new Error('the batch deferred every item'));
      else deferred.push(waiting);
    });
    this.waiting.unshift(...deferred);
  }
}
