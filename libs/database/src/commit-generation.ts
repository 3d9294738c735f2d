import { EntitySubscriberInterface, EventSubscriber } from 'typeorm';

let generation = 0;

/**
 * How many transactions this process has committed through TypeORM. An in-process read cache
 * notes the generation before it loads and trusts what it loaded only while the generation is
 * unchanged, so a change committed in this process is never hidden behind a cached read. (Every
 * audited state change is written in a transaction; changes committed by other processes are not
 * seen here, and such caches bound their staleness with a time to live.)
 */
export function commitGeneration(): number {
  return generation;
}

/** Counts commits for `commitGeneration`; registered on every data source of the process. */
@EventSubscriber()
export class CommitGenerationSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(): void {
    generation++;
  }
}
