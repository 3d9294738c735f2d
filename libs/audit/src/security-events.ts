import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '@nf/common';
import { DataSource } from 'typeorm';
import { AuditLog, AuditRecord } from './audit-log';

const MINUTE_MS = 60_000;
/** Distinct things kept as examples in a summary row (the user names tried, the routes refused). */
const SAMPLES = 5;
/** Keys held at most; past this, what is counted is written out early. */
const MAX_KEYS = 20_000;

interface Window {
  minute: number;
  record: AuditRecord;
  repeated: number;
  samples: Set<string>;
}

/**
 * Security events (refused requests, failed logins, throttled clients) without letting a flood
 * fill the append-only audit table: the first event of a source, action and subject in a minute
 * is written at once, as it always was; the repeats of that minute are counted and written as one
 * summary row (`repeated`, with a few examples) when the minute is over. So one source gives at
 * most two rows per action, subject and minute, however fast it sends. The counts of the minute
 * under way live in this process until then: a crash loses at most that minute's count, never the
 * first event.
 */
@Injectable()
export class SecurityEvents implements OnModuleDestroy {
  private readonly logger = new Logger(SecurityEvents.name);
  private readonly windows = new Map<string, Window>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditLog,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.timer = setInterval(() => void this.flush(false), 10_000);
    this.timer.unref();
  }

  /**
   * Records a security event from `source` (`ip:…` for an anonymous client, `user:…` for a
   * logged-in one). `subject` says what counts as the same event (the route refused); `sample` is
   * what a summary row lists of the repeats (the user name tried).
   */
  async record(
    source: string,
    record: AuditRecord,
    options: { subject?: string; sample?: string } = {},
  ): Promise<void> {
    const minute = Math.floor(this.clock.now().getTime() / MINUTE_MS);
    const key = `${source}\u0000${record.action}\u0000${options.subject ?? ''}`;
    const window = this.windows.get(key);
    if (window && window.minute === minute) {
      window.repeated += 1;
      if (options.sample && window.samples.size < SAMPLES) window.samples.add(options.sample);
      return;
    }
    // The new minute's window is in place before anything is awaited: a concurrent event counts.
    this.windows.set(key, { minute, record, repeated: 0, samples: new Set() });
    if (window) await this.summarise(window, source);
    if (this.windows.size > MAX_KEYS) await this.flush(true);
    await this.audit.recordSecurityEvent(this.dataSource.manager, {
      ...record,
      after: { ...(record.after as object | undefined), source },
    });
  }

  /** Writes the summaries of the minutes that are over (all of them when `everything`). */
  async flush(everything: boolean): Promise<void> {
    const minute = Math.floor(this.clock.now().getTime() / MINUTE_MS);
    for (const [key, window] of [...this.windows]) {
      if (everything || window.minute < minute) await this.write(key, window);
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }

  private async write(key: string, window: Window): Promise<void> {
    this.windows.delete(key);
    await this.summarise(window, key.slice(0, key.indexOf('\u0000')));
  }

  private async summarise(window: Window, source: string): Promise<void> {
    if (window.repeated === 0) return;
    try {
      await this.audit.recordSecurityEvent(this.dataSource.manager, {
        ...window.record,
        actor: { type: 'system' },
        requestId: null,
        after: {
          ...(window.record.after as object | undefined),
          source,
          repeated: window.repeated,
          minute: new Date(window.minute * MINUTE_MS).toISOString(),
          ...(window.samples.size ? { samples: [...window.samples] } : {}),
        },
      });
    } catch (error) {
      this.logger.error(`Could not write a security summary: ${String(error)}`);
    }
  }
}
