import { CommitGenerationSubscriber } from './commit-generation';
import { LoadTicket, ReadCache } from './read-cache';

describe('ReadCache', () => {
  let now = 0;
  const committed = () => new CommitGenerationSubscriber().afterTransactionCommit();
  const cacheOf = (ttlMs = 1000, maxEntries = 10) =>
    new ReadCache<string, string>(ttlMs, maxEntries, () => now);

  beforeEach(() => {
    now = 10_000;
  });

  it('serves a value for its time to live, counted from the start of its load', () => {
    const cache = cacheOf();
    const ticket = cache.begin();
    now += 300; // the load took 300 ms
    cache.store('agenda', 'v1', ticket);
    now += 699;
    expect(cache.get('agenda')).toBe('v1');
    now += 1;
    // A second old: the first reader loads again …
    expect(cache.get('agenda')).toBeUndefined();
  });

  it('lets one reader reload an old value while the others are still served it, for one more ttl', () => {
    const cache = cacheOf();
    cache.store('agenda', 'v1', cache.begin());
    now += 1200;
    expect(cache.get('agenda')).toBeUndefined(); // this reader reloads
    expect(cache.get('agenda')).toBe('v1'); // the others keep the old answer meanwhile
    expect(cache.get('agenda')).toBe('v1');
    const reload = cache.begin();
    now += 50;
    cache.store('agenda', 'v2', reload);
    expect(cache.get('agenda')).toBe('v2');
  });

  it('never serves a value twice its ttl old, as when its reload failed', () => {
    const cache = cacheOf();
    cache.store('agenda', 'v1', cache.begin());
    now += 1000;
    expect(cache.get('agenda')).toBeUndefined(); // the reload that will fail
    now += 500;
    expect(cache.get('agenda')).toBe('v1');
    now += 400;
    expect(cache.get('agenda')).toBe('v1');
    now += 100; // 2 s old: the next reader loads it
    expect(cache.get('agenda')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('can reload an old value in the background while every reader is still served it', () => {
    const cache = cacheOf();
    cache.store('token', 'principal v1', cache.begin());
    now += 1500;
    const reloads: LoadTicket[] = [];
    const revalidate = (ticket: LoadTicket) => reloads.push(ticket);
    expect(cache.get('token', revalidate)).toBe('principal v1');
    expect(cache.get('token', revalidate)).toBe('principal v1');
    expect(reloads).toEqual([expect.objectContaining({ startedAt: 11_500 })]);
    cache.store('token', 'principal v2', reloads[0]);
    expect(cache.get('token', revalidate)).toBe('principal v2');
    // A reload that finds the token revoked forgets it: the next reader resolves it itself.
    now += 1000;
    expect(cache.get('token', revalidate)).toBe('principal v2');
    cache.forget('token');
    expect(cache.get('token', revalidate)).toBeUndefined();
    expect(reloads).toHaveLength(2);
  });

  it('forgets everything once a transaction commits in this process', () => {
    const cache = cacheOf();
    cache.store('agenda', 'v1', cache.begin());
    committed();
    expect(cache.get('agenda')).toBeUndefined();
  });

  it('does not keep what was loaded while a transaction committed', () => {
    const cache = cacheOf();
    const ticket = cache.begin();
    committed(); // e.g. the secretary's reorder, between this load's reads
    cache.store('agenda', 'before the reorder', ticket);
    expect(cache.get('agenda')).toBeUndefined();
  });

  it('keeps the newer of two loads that end in the other order', () => {
    const cache = cacheOf();
    const older = cache.begin();
    now += 10;
    const newer = cache.begin();
    cache.store('agenda', 'newer', newer);
    cache.store('agenda', 'older', older);
    expect(cache.get('agenda')).toBe('newer');
  });

  it('holds at most maxEntries, dropping the one stored longest ago', () => {
    const cache = cacheOf(1000, 2);
    cache.store('a', 'A', cache.begin());
    cache.store('b', 'B', cache.begin());
    cache.store('c', 'C', cache.begin());
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'B', 'C']);
  });

  it('keeps nothing when its ttl is 0', () => {
    const cache = cacheOf(0);
    cache.store('agenda', 'v1', cache.begin());
    expect(cache.get('agenda')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
