import { RateLimiter } from './rate-limiter';

describe(RateLimiter.name, () => {
  it('lets a key do its limit in a minute, refuses the rest until the next minute, and counts keys apart', () => {
    const sut = new RateLimiter(3);
    const start = Date.UTC(2026, 11, 3, 8, 0, 15);
    expect([1, 2, 3, 4].map(() => sut.take('ip:a', start).allowed)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(sut.take('ip:a', start)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(sut.take('ip:b', start).allowed).toBe(true);
    expect(sut.take('ip:a', start + 45_000).allowed).toBe(true);
  });

  it('holds a bounded number of keys, starting the window over past it', () => {
    const sut = new RateLimiter(1, 2);
    const now = Date.UTC(2026, 11, 3, 8, 0, 0);
    sut.take('ip:a', now);
    sut.take('ip:b', now);
    expect(sut.take('ip:c', now).allowed).toBe(true);
    expect(sut.take('ip:a', now).allowed).toBe(true);
  });
});
