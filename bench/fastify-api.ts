import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { createRootLogger, PinoNestLogger, RequestContexts } from '@nf/common';
import { loadConfig } from '@nf/config';
import { type AuthenticatedRequest, PrincipalLoader } from '@nf/identity';
import { ApiModule } from '../apps/api/src/api.module';
import { bodyProblem } from '../apps/api/src/http/dangerous-keys';
import { requestIdOf } from '../apps/api/src/http/request-id';
import { securityHeaders } from '../apps/api/src/http/security-headers';
import { MetricsService } from '../apps/api/src/ops/metrics.service';

/**
 * The api on `@nestjs/platform-fastify` instead of Express, for `bench dnr` and `bench agenda` to
 * measure the two frameworks in the same run (issue 19). It is the same ApiModule (controllers,
 * guard, validation pipe, problem filter) with the work that Express's middleware does on the
 * measured paths done in Fastify's hooks: the request id and context, the metrics, the security
 * headers, the bearer resolved before the body is read, the JSON body and its key check, and the
 * log (Fastify's own, on the same pino logger). The agenda read goes through Nest's ordinary
 * pipeline (AgendaReads' cache behind the controller), not through the listener ahead of the
 * framework. Not a product: the queue dashboard, file uploads and the web app are Express's.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger({ level: config.app.logLevel, app: 'api', format: 'json' });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    new FastifyAdapter({
      loggerInstance: logger,
      bodyLimit: config.app.bodyLimitBytes,
      trustProxy: 'loopback',
    }),
    { logger: new PinoNestLogger(logger) },
  );
  const metrics = app.get(MetricsService);
  const principals = app.get(PrincipalLoader);
  const headers = securityHeaders();
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onRequest', (request, reply, done) => {
    const requestId = requestIdOf(request.headers['x-request-id']);
    reply.header('x-request-id', requestId);
    (request as unknown as { started: bigint }).started = process.hrtime.bigint();
    headers(
      request.raw as Parameters<typeof headers>[0],
      reply.raw as unknown as Parameters<typeof headers>[1],
      () => undefined,
    );
    const authorization = request.headers.authorization;
    const token = authorization?.toLowerCase().startsWith('bearer ')
      ? authorization.slice(7).trim()
      : undefined;
    if (!token || !request.headers['content-length']) return done();
    principals.fromBearer(token).then((resolved) => {
      if (resolved) {
        (request as unknown as AuthenticatedRequest).resolvedBearer = {
          token,
          principal: resolved.principal,
        };
      }
      done();
    }, done);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const problem = bodyProblem(request.body);
    done(problem);
  });
  // The guard sets the actor on the request's context: it runs inside the handler's call.
  fastify.addHook('preHandler', (request, reply, done) => {
    RequestContexts.run(
      { requestId: String(reply.getHeader('x-request-id')), actor: { type: 'anonymous' } },
      done,
    );
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      Number(process.hrtime.bigint() - (request as unknown as { started: bigint }).started) / 1e9,
    );
    done();
  });
  app.enableShutdownHooks();
  await app.listen(config.app.port, '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
