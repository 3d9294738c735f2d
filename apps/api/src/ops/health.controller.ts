import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Returns, ServiceUnavailableProblem } from '@nf/common';
import { Type } from '@sinclair/typebox';
import { Access } from '@nf/access';
import { DependencyChecks } from '@nf/queue';

/** What the health checks answer: `ok`, and for readiness each dependency's state. */
const Health = Type.Object({
  status: Type.Literal('ok'),
  checks: Type.Optional(Type.Record(Type.String(), Type.Literal('up'))),
});

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly dependencies: DependencyChecks) {}

  /** The process is up. Never touches dependencies, so a slow database does not restart pods. */
  @Get('live')
  @Returns(Health)
  @Access('public')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready to serve: the database answers and Redis answers. */
  @Get('ready')
  @Returns(Health)
  @Access('public')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up'> }> {
    const { database, redis } = await this.dependencies.check();
    const checks = { database: database ? 'up' : 'down', redis: redis ? 'up' : 'down' } as const;
    if (!database || !redis) {
      throw new ServiceUnavailableProblem('A dependency is not answering.', { checks });
    }
    return { status: 'ok', checks: { database: 'up', redis: 'up' } };
  }
}
