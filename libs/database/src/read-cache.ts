import { commitGeneration } from './commit-generation';

/** Taken before a load: the commit generation and the time the load began. */
export interface LoadTicket {
  readonly generation: number;
  readonly startedAt: number;
}

interface Entry<V> {
  value: V;
  generation: number;
  loadedAt: number;
  reloading: boolean;
}

/**
 * Values read from the database, kept in this process for a short time so that a burst of the same
 * read (a hundred members opening the agenda at once) costs one load. A value is trusted while it
 * is younger than `ttlMs`, counted from the start of its load, and no transaction has committed in
 * this process since that start. Once it is older, the first reader is sent to load it again
 * (`get` answers undefined) while the others are still served it, for at most another `ttlMs`, so
 * that the reads do not all fall on the database at once (HTTP's stale-while-revalidate). A change
 * committed by another process is therefore seen within 2 × `ttlMs`; one committed in this process
 * at once. `ttlMs` 0 turns the cache off.
 */
export class ReadCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Call before loading; pass the ticket to `store` with what was loaded. */
  begin(): LoadTicket {
    return { generation: commitGeneration(), startedAt: this.now() };
  }

  /**
   * The value, if it is trusted. With `revalidate`, the reader that finds it past its ttl is served
   * it too, and `revalidate` (called once, with a ticket) loads it again in the background, to
   * `store` it or `forget` it; without, that reader is answered undefined and loads it itself.
   */
  get(key: K, revalidate?: (ticket: LoadTicket) => void): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.generation !== commitGeneration()) {
      this.entries.delete(key);
      return undefined;
    }
    const age = this.now() - entry.loadedAt;
    if (age < this.ttlMs) return entry.value;
    if (age >= 2 * this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // One reader reloads; should that reload fail, the value is dropped at twice its ttl.
    if (!entry.reloading) {
      entry.reloading = true;
      if (!revalidate) return undefined;
      revalidate(this.begin());
    }
    return entry.value;
  }

  forget(key: K): void {
    this.entries.delete(key);
  }

  store(key: K, value: V, ticket: LoadTicket): void {
    if (this.ttlMs <= 0 || ticket.generation !== commitGeneration()) return;
    const current = this.entries.get(key);
    // A load that began before the entry's own keeps the newer one.
    if (
      current &&
      current.generation === ticket.generation &&
      current.loadedAt > ticket.startedAt
    ) {
      return;
    }
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the one stored longest ago.
      this.entries.delete(this.entries.keys().next().value as K);
    }
    this.entries.set(key, {
      value,
      generation: ticket.generation,
      loadedAt: ticket.startedAt,
      reloading: false,
    });
  }

  get size(): number {
    return this.entries.size;
  }
}
