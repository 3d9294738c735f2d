import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import {
  BadRequestProblem,
  createRootLogger,
  PinoNestLogger,
  ProblemError,
  RequestContext,
  RequestContexts,
} from '@nf/common';
import { AppConfig } from '@nf/config';
import { PrincipalCache, PrincipalLoader } from '@nf/identity';
import { AgendaReads } from '@nf/meetings';
import etag from 'etag';
import {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { ApiModule } from './api.module';
import {
  ANONYMOUS_BODY_LIMIT_BYTES,
  ANONYMOUS_BODY_ROUTES,
  PORTAL_FORM_ROUTE,
  guardBeforeBody,
  pathOf,
} from './http/before-body';
import { serveCachedReads } from './http/cached-reads';
import { bodyProblem } from './http/dangerous-keys';
import { loggableHeaders, loggableUrl } from './http/log-redaction';
import { OperatorBasicAuth, QUEUE_DASHBOARD_ROUTE } from './http/operator-basic-auth';
import { RefusalAudit } from './http/refusal-audit';
import { requestIdOf } from './http/request-id';
import { securityHeaders } from './http/security-headers';
import { webApp } from './http/web-app';
import { MetricsService } from './ops/metrics.service';
import { openApiDocument } from './openapi-document';

/** Where document files arrive as their own bytes (PDF, DOCX …), not as JSON. */
const FILE_UPLOADS = /^\/api\/v1\/documents\/[^/]+\/files$/;

/** What the api keeps on each request between Fastify's hooks. */
interface RequestState {
  context: RequestContext;
  started: bigint;
}
const STATE = Symbol('nf.request');
type WithState = FastifyRequest & { [STATE]: RequestState };

/**
 * The HTTP server under Nest: Fastify (measured against Express in bench/README.md, issue 19),
 * trusting the proxy headers of a local load balancer, routing as Express did (case-insensitive,
 * a trailing slash ignored), its request log ours (one line per request, in `onResponse`).
 */
export function apiAdapter(config: AppConfig, logger: Logger): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (request: IncomingMessage) => requestIdOf(request.headers['x-request-id']),
    bodyLimit: config.app.bodyLimitBytes,
    trustProxy: ['loopback', 'linklocal', 'uniquelocal'],
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
}

/**
 * A weak ETag on every 200 answer to a GET with a body in memory, and a 304 to a request whose
 * If-None-Match names it (unless it asks past caches), as Express did for every route.
 */
function conditionalGet(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload?: unknown) => void,
): void {
  if (
    (request.method !== 'GET' && request.method !== 'HEAD') ||
    reply.statusCode !== 200 ||
    !(typeof payload === 'string' || Buffer.isBuffer(payload))
  )
    return done(null, payload);
  let tag = reply.getHeader('etag') as string | undefined;
  if (!tag) {
    tag = etag(payload, { weak: true });
    reply.header('etag', tag);
  }
  const presented = request.headers['if-none-match'];
  const noCache = /(?:^|,)\s*no-cache\s*(?:,|$)/.test(request.headers['cache-control'] ?? '');
  const strip = (value: string) => value.trim().replace(/^W\//, '');
  if (
    presented &&
    !noCache &&
    (presented.trim() === '*' || presented.split(',').some((t) => strip(t) === strip(tag)))
  ) {
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return done(null, '');
  }
  done(null, payload);
}

/**
 * The bodies the api reads: JSON (a body of nothing is `{}`, as Express's parser had it), checked
 * for prototype keys and absurd nesting as it is parsed; and the bytes of a document's file on
 * its upload route only. Login and refresh take small bodies, for they take them from anyone.
 */
function registerBodies(fastify: FastifyInstance, config: AppConfig): void {
  fastify.removeAllContentTypeParsers();
  const json = (
    _request: FastifyRequest,
    body: string,
    done: (e: Error | null, v?: unknown) => void,
  ) => {
    if (body.trim() === '') return done(null, {});
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return done(
        new ProblemError(
          400,
          'malformed-body',
          'Malformed body',
          'The request body is not valid JSON.',
        ),
      );
    }
    const problem: BadRequestProblem | undefined = bodyProblem(value);
    return problem ? done(problem) : done(null, value);
  };
  for (const type of ['application/json', /^application\/[a-z0-9.+-]+\+json$/i]) {
    fastify.addContentTypeParser(type, { parseAs: 'string' }, json);
  }
  // The portal's forms, for residents without JavaScript: small, and only on their routes.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: ANONYMOUS_BODY_LIMIT_BYTES },
    (request, body, done) =>
      done(
        null,
        PORTAL_FORM_ROUTE.test(pathOf(request))
          ? Object.fromEntries(new URLSearchParams(body as string))
          : undefined,
      ),
  );
  // Anything else is a body only where a file is uploaded (up to the files' limit); elsewhere it
  // is read up to the JSON limit and dropped, and the route sees no body.
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) =>
    done(null, FILE_UPLOADS.test(pathOf(request)) ? body : undefined),
  );
  fastify.addHook('onRoute', (route) => {
    if (ANONYMOUS_BODY_ROUTES.includes(route.url)) route.bodyLimit = ANONYMOUS_BODY_LIMIT_BYTES;
    if (route.method === 'POST' && FILE_UPLOADS.test(route.url.replace(':id', '1')))
      route.bodyLimit = config.files.maxBytes;
  });
}

/**
 * Everything that makes a Nest application the api, shared by main.ts and the e2e tests:
 * request ids and context, the request log, the bodies and their errors, metrics, security
 * headers, the web app, OpenAPI, and the agenda reads answered from memory ahead of the framework.
 */
export function configureApiApp(
  app: NestFastifyApplication,
  config: AppConfig,
  logger: Logger,
): void {
  app.useLogger(new PinoNestLogger(logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  serveCachedReads(app.getHttpServer(), {
    principals: app.get(PrincipalCache),
    agendas: app.get(AgendaReads),
    metrics,
    logger,
  });
  registerBodies(fastify, config);

  const headers = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    const state: RequestState = {
      context: { requestId: String(request.id), actor: { type: 'anonymous' } },
      started: process.hrtime.bigint(),
    };
    (request as WithState)[STATE] = state;
    reply.header('x-request-id', request.id);
    headers(request.raw, reply.raw, request.protocol === 'https');
    RequestContexts.run(state.context, done);
  });
  const web = webApp(config.web.dir);
  if (web) fastify.addHook('onRequest', web);
  else
    logger.warn(
      { dir: config.web.dir },
      'the web app is not built: / serves nothing (npm run build)',
    );
  fastify.addHook(
    'onRequest',
    guardBeforeBody(config, app.get(PrincipalLoader), app.get(RefusalAudit)),
  );
  // The queue dashboard is a plugin of its own: the operator's Basic credentials on every path
  // under it (Nest's middleware for it sees its first path only).
  const operator = new OperatorBasicAuth(config, app.get(RefusalAudit));
  fastify.addHook('onRequest', (request, reply, done) => {
    const path = pathOf(request);
    if (path !== QUEUE_DASHBOARD_ROUTE && !path.startsWith(`${QUEUE_DASHBOARD_ROUTE}/`))
      return done();
    void operator.use(
      request.raw,
      reply.raw,
      (error?: unknown) => {
        if (error) return done(error as Error);
        done();
      },
      () => reply.hijack(),
    );
  });
  // A body is read on events of its own: the request's context is entered again for the route.
  fastify.addHook('preHandler', (request, _reply, done) => {
    RequestContexts.run((request as WithState)[STATE].context, done);
  });
  fastify.addHook('onSend', conditionalGet);
  fastify.addHook('onResponse', (request, reply, done) => {
    const state = (request as WithState)[STATE];
    const seconds = Number(process.hrtime.bigint() - state.started) / 1e9;
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      seconds,
    );
    if (!request.url.startsWith('/health')) {
      // Credentials never reach the log: bearer and Basic authorization, cookies, token headers.
      // The root logger: a request's child logger would apply Fastify's serializers (no headers).
      logger.info(
        {
          reqId: request.id,
          req: {
            method: request.method,
            url: loggableUrl(request.originalUrl),
            headers: loggableHeaders(request.headers),
            remoteAddress: request.ip,
          },
          res: {
            statusCode: reply.statusCode,
            headers: loggableHeaders(reply.getHeaders() as Record<string, unknown>),
          },
          responseTime: Math.round(seconds * 1000),
        },
        'request completed',
      );
    }
    done();
  });
  // What fails before a route runs (a body too large or malformed) reaches the
  // ProblemDetailsFilter as well: Nest installs Fastify's error handler at init.

  const document = openApiDocument(app as INestApplication);
  SwaggerModule.setup('api/docs', app as INestApplication, document, {
    jsonDocumentUrl: 'api/docs-json',
  });
}

export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger({
    level: config.app.logLevel,
    app: 'api',
    format: config.app.logFormat,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    apiAdapter(config, logger),
    { logger: new PinoNestLogger(logger), bodyParser: false },
  );
  configureApiApp(app, config, logger);
  return app;
}
