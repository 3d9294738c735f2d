import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import {
  createRootLogger,
  PinoNestLogger,
  PROBLEM_CONTENT_TYPE,
  RequestContexts,
} from '@nf/common';
import { AppConfig } from '@nf/config';
import { PrincipalCache, PrincipalLoader } from '@nf/identity';
import { AgendaReads } from '@nf/meetings';
import { json, NextFunction, raw, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { ApiModule } from './api.module';
import {
  ANONYMOUS_BODY_LIMIT_BYTES,
  ANONYMOUS_BODY_ROUTES,
  guardBeforeBody,
} from './http/before-body';
import { serveCachedReads } from './http/cached-reads';
import { securityHeaders } from './http/security-headers';
import { webApp } from './http/web-app';
import { RefusalAudit } from './http/refusal-audit';
import { requestIdOf } from './http/request-id';
import { rejectDangerousKeys } from './http/dangerous-keys';
import { loggableHeaders, loggableUrl } from './http/log-redaction';
import { problemDocument, toProblem, withRetryAfter } from './http/problem-mapping';
import { MetricsService } from './ops/metrics.service';
import { openApiDocument } from './openapi-document';

/**
 * Everything that makes a Nest application the api, shared by main.ts and the e2e tests:
 * request ids and context, JSON logs, the body parser and its errors, metrics, OpenAPI, and the
 * agenda reads answered from memory ahead of Express.
 */
export function configureApiApp(
  app: NestExpressApplication,
  config: AppConfig,
  logger: Logger,
): void {
  app.useLogger(new PinoNestLogger(logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(securityHeaders());
  app.enableShutdownHooks();

  const metrics = app.get(MetricsService);
  serveCachedReads(app.getHttpServer(), {
    principals: app.get(PrincipalCache),
    agendas: app.get(AgendaReads),
    metrics,
    logger,
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const requestId = requestIdOf(request.headers['x-request-id']);
    response.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      metrics.httpDuration.observe(
        { method: request.method, route, status: String(response.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    RequestContexts.run({ requestId, actor: { type: 'anonymous' } }, next);
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (_request, response) => String(response.getHeader('x-request-id')),
      quietReqLogger: true,
      autoLogging: { ignore: (request) => (request.url ?? '').startsWith('/health') },
      // Credentials never reach the log: bearer and Basic authorization, cookies, token headers.
      serializers: {
        req: (request: { url?: string; headers?: Record<string, unknown> }) =>
          Object.assign(request, {
            url: request.url && loggableUrl(request.url),
            headers: loggableHeaders(request.headers),
          }),
        res: (response: { headers?: Record<string, unknown> }) =>
          Object.assign(response, { headers: loggableHeaders(response.headers) }),
      },
    }),
  );
  const web = webApp(config.web.dir);
  if (web) app.use(web);
  else
    logger.warn(
      { dir: config.web.dir },
      'the web app is not built: / serves nothing (npm run build)',
    );
  app.use(guardBeforeBody(config, app.get(PrincipalLoader), app.get(RefusalAudit)));
  const jsonTypes = ['application/json', 'application/*+json'];
  // Login and refresh take bodies from anyone: small ones.
  app.use(ANONYMOUS_BODY_ROUTES, json({ limit: ANONYMOUS_BODY_LIMIT_BYTES, type: jsonTypes }));
  app.use(json({ limit: config.app.bodyLimitBytes, type: jsonTypes }));
  // Document files arrive as their own bytes (PDF, DOCX …), not as JSON.
  app.use(
    '/api/v1/documents',
    raw({
      type: (request) => !/json/i.test(String(request.headers['content-type'] ?? '')),
      limit: config.files.maxBytes,
    }),
  );
  app.use(rejectDangerousKeys);
  // Body-parser errors happen before Nest's routing; answer them as problems too.
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const problem = toProblem(error);
    withRetryAfter(response, problem);
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problemDocument(problem, request.originalUrl)));
  });

  const document = openApiDocument(app as INestApplication);
  SwaggerModule.setup('api/docs', app as INestApplication, document, {
    jsonDocumentUrl: 'api/docs-json',
  });
}

export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const logger = createRootLogger({
    level: config.app.logLevel,
    app: 'api',
    format: config.app.logFormat,
  });
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  configureApiApp(app, config, logger);
  return app;
}
