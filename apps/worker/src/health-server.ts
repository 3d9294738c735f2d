import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { DependencyChecks } from '@nf/queue';
import { createServer, Server } from 'node:http';

/**
 * The worker's health probes, for an orchestrator (Kubernetes) to restart a hung worker: on
 * WORKER_HEALTH_PORT (off when 0), `/health/live` answers while the event loop turns, and
 * `/health/ready` when the database and Redis answer, as the api's do. It stops answering ready
 * once shutdown begins, while the running jobs finish.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Health');
  private server: Server | undefined;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly dependencies: DependencyChecks,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.worker.healthPort;
    if (port === 0) return;
    const server = createServer((request, response) => {
      void this.answer(request.url ?? '').then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, resolve);
    });
    this.server = server;
    this.logger.log(`Health probes on port ${port}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(url: string): Promise<{ status: number; body: unknown }> {
    if (url === '/health/live') return { status: 200, body: { status: 'ok' } };
    if (url !== '/health/ready') return { status: 404, body: { status: 'not found' } };
    const { database, redis } = await this.dependencies.check();
    const checks = { database: database ? 'up' : 'down', redis: redis ? 'up' : 'down' };
    const ready = database && redis && !this.stopping;
    return {
      status: ready ? 200 : 503,
      body: { status: ready ? 'ok' : 'unavailable', checks },
    };
  }
}
