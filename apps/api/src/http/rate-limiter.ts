/**
 * Counts what each key (a client address) does in fixed one-minute windows and says when it has
 * done enough. In this process's memory: with several api processes behind a load balancer each
 * counts its own share, so a client may do up to the limit times the number of processes. It
 * guards this process's CPU and memory against a flood; the lasting limits (an account's
 * lock-out) live in the database.
 */
export class RateLimiter {
  private window = -1;
  private counts = new Map<string, number>();

  constructor(
    readonly perMinute: number,
    /** Keys held at most in a window; past it the window starts over (a flood of addresses). */
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one more for `key`; refused when over the limit, with the seconds until it opens. */
  take(
    key: string,
    now: number,
  ): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const window = Math.floor(now / 60_000);
    if (window !== this.window || this.counts.size >= this.maxKeys) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= this.perMinute) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000)),
    };
  }
}
