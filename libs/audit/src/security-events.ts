import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '@nf/common';
import { AppConfig } from '@nf/config';
import { DataSource } from 'typeorm';
import { AuditLog, AuditRecord } from './audit-log';

const MINUTE_MS = 60_000;
/** Examples a summary row keeps (the user names tried, the routes refused). */
const SAMPLES = 5;
/** Sources held at most; past this, what is counted is written out early. */
const MAX_SOURCES = 20_000;

/** One source's events in one minute. */
interface SourceMinute {
  minute: number;
  /** The events written as they came (action and subject). */
  written: Set<string>;
  /** What was counted instead of written, by action. */
  repeated: Map<string, number>;
  samples: Set<string>;
  municipalityId: number | null;
}

/**
 * Security events (refused requests, failed logins, throttled clients) without letting a flood
 * fill the append-only audit table. In each minute, the first event of a kind (action and
 * subject) from a source is written at once, as before; its repeats, and for an anonymous source
 * (an address) every kind past the first APP_AUDIT_ANONYMOUS_EVENTS_PER_MINUTE (5), are counted, and written as one summary row of
 * the source (`security.repeated`, with the counts by action and a few examples) when the minute
 * is over. An address therefore gives at most six rows a minute however it floods; a logged-in
 * user, accountable by name, one per kind of event and one summary. The counts of the minute under
 * way live in this process until then: a crash loses at most that minute's counts, never a first
 * event.
 */
@Injectable()
export class SecurityEvents implements OnModuleDestroy {
  private readonly logger = new Logger(SecurityEvents.name);
  private readonly sources = new Map<string, SourceMinute>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditLog,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.timer = setInterval(() => void this.flush(false), 10_000);
    this.timer.unref();
  }

  /**
   * Records a security event from `source` (`ip:…` for an anonymous client, `user:…` for a
   * logged-in one). `subject` says what counts as the same event (the route refused); `sample` is
   * what a summary lists of the repeats (the user name tried).
   */
  async record(
    source: string,
    record: AuditRecord,
    options: { subject?: string; sample?: string } = {},
  ): Promise<void> {
    const minute = Math.floor(this.clock.now().getTime() / MINUTE_MS);
    let current = this.sources.get(source);
    if (!current || current.minute !== minute) {
      const previous = current;
      current = {
        minute,
        written: new Set(),
        repeated: new Map(),
        samples: new Set(),
        municipalityId: record.municipalityId ?? null,
      };
      // In place before anything is awaited, so that a concurrent event counts in it.
      this.sources.set(source, current);
      if (previous) await this.summarise(source, previous);
      if (this.sources.size > MAX_SOURCES) await this.flush(true);
    }
    const kind = `${record.action}\u0000${options.subject ?? ''}`;
    const room =
      !source.startsWith('ip:') ||
      current.written.size < this.config.app.auditAnonymousEventsPerMinute;
    if (current.written.has(kind) || !room) {
      current.repeated.set(record.action, (current.repeated.get(record.action) ?? 0) + 1);
      if (options.sample && current.samples.size < SAMPLES) current.samples.add(options.sample);
      return;
    }
    current.written.add(kind);
    await this.audit.recordSecurityEvent(this.dataSource.manager, {
      ...record,
      after: { ...(record.after as object | undefined), source },
    });
  }

  /** Writes the summaries of the minutes that are over (every one when `everything`). */
  async flush(everything: boolean): Promise<void> {
    const minute = Math.floor(this.clock.now().getTime() / MINUTE_MS);
    for (const [source, current] of [...this.sources]) {
      if (!everything && current.minute >= minute) continue;
      this.sources.delete(source);
      await this.summarise(source, current);
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }

  private async summarise(source: string, current: SourceMinute): Promise<void> {
    if (current.repeated.size === 0) return;
    try {
      await this.audit.recordSecurityEvent(this.dataSource.manager, {
        action: 'security.repeated',
        entityType: 'source',
        entityId: source.slice(0, 64),
        municipalityId: current.municipalityId,
        actor: { type: 'system' },
        requestId: null,
        after: {
          source,
          minute: new Date(current.minute * MINUTE_MS).toISOString(),
          repeated: Object.fromEntries(current.repeated),
          ...(current.samples.size ? { samples: [...current.samples] } : {}),
        },
      });
    } catch (error) {
      this.logger.error(`Could not write a security summary: ${String(error)}`);
    }
  }
}
