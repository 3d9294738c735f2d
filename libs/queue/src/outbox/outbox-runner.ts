import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutboxRelay } from './outbox-relay';
import { OutboxSweeper } from './outbox-sweeper';

/** Runs the relay and the sweeper in the worker until shutdown. */
@Injectable()
export class OutboxRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRunner.name);
  private running = false;
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly relay: OutboxRelay,
    private readonly sweeper: OutboxSweeper,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loops = [this.relayLoop(), this.sweepLoop()];
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  private async relayLoop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.relay.publishBatch();
        failures = 0;
        if (published < this.config.outbox.batchSize) await this.pause(this.config.outbox.pollMs);
      } catch (error) {
        failures++;
        this.logger.error(`Outbox relay failed (${failures} in a row): ${String(error)}`);
        await this.pause(Math.min(30_000, this.config.outbox.pollMs * 2 ** failures));
      }
    }
  }

  private async sweepLoop(): Promise<void> {
    while (this.running) {
      await this.pause(this.config.outbox.sweepIntervalMs);
      if (!this.running) break;
      try {
        await this.sweeper.sweep();
      } catch (error) {
        this.logger.error(`Outbox sweep failed: ${String(error)}`);
      }
    }
  }

  private async pause(milliseconds: number): Promise<void> {
    await sleep(milliseconds, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }
}
