import { Controller, Get, Module, Post, Type } from '@nestjs/common';
import { Access } from '@nf/access';
import { Returns } from '@nf/common';
import type { AppConfig } from '@nf/config';
import { Type as Schema } from '@sinclair/typebox';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ApiModule } from '../../apps/api/src/api.module';
import { AccessDeclarations } from '../../apps/api/src/http/access-declarations';
import { ApiHarness, startApi } from '../support/api-harness';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

@Controller('api/v1/forgotten')
class ForgottenController {
  @Get()
  list(): string[] {
    return ['secret'];
  }
}

@Module({ controllers: [ForgottenController] })
class ForgottenModule {}

@Controller('api/v1/undeclared')
class UndeclaredController {
  @Get()
  @Access('authenticated')
  list(): string[] {
    return ['no contract'];
  }

  @Post()
  @Access('authenticated')
  @Returns(Schema.Object({ id: Schema.Integer() }))
  create(): { id: number } {
    return { id: 1 };
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

@Controller('api/v1/mismatched')
class MismatchedController {
  @Post()
  @Access('authenticated')
  @Returns(Schema.Object({ id: Schema.Integer() }))
  create(): { id: number } {
    return { id: 1 };
  }
}

@Module({ controllers: [MismatchedController] })
class MismatchedModule {}

async function startFails(config: AppConfig, extra: Type<unknown>): Promise<string> {
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot(config), extra],
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter());
  try {
    await app.init();
    return 'started';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await app.close();
  }
}

describe('Access declarations', () => {
  const config = testConfig();

  beforeAll(async () => {
    await resetServices(config);
  });

  it('refuses to start the api when an endpoint declares no access rule', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot(config), ForgottenModule],
    }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter());
    await expect(app.init()).rejects.toThrow('GET /api/v1/forgotten (ForgottenController.list)');
    await app.close();
  });

  it('refuses to start the api when an endpoint declares no response', async () => {
    const message = await startFails(config, UndeclaredModule);
    expect(message).toContain('Routes without a declared response (@Returns)');
    expect(message).toContain('GET /api/v1/undeclared (UndeclaredController.list)');
    expect(message).not.toContain('POST /api/v1/undeclared');
  });

  it('refuses to start the api when a declared status is not the one the route sends', async () => {
    // A POST answers 201 unless @HttpCode says otherwise; @Returns said 200.
    expect(await startFails(config, MismatchedModule)).toContain(
      'POST /api/v1/mismatched (MismatchedController.create)',
    );
  });

  it('publishes every route with its response schema in the OpenAPI document', async () => {
    let api: ApiHarness | undefined;
    try {
      api = await startApi(config);
      const routes = api.app.get(AccessDeclarations).routes();
      const document = (await request(api.app.getHttpServer()).get('/api/docs-json').expect(200))
        .body as {
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
      };
      expect(document.openapi).toBe('3.1.0');
      const documented = routes.filter((route) => route.path !== '/metrics');
      expect(documented.length).toBeGreaterThan(100);
      for (const route of documented) {
        const path = route.path.replace(/:([A-Za-z]+)(\.[a-z]+)?/g, '{$1}$2');
        const operation = document.paths[path]?.[route.method.toLowerCase()];
        const response = operation?.responses[String(route.response!.status)];
        expect({ route: `${route.method} ${path}`, declared: response !== undefined }).toEqual({
          route: `${route.method} ${path}`,
          declared: true,
        });
        if (route.response!.kind !== 'empty') expect(response!.content).toBeDefined();
      }
      const caseView = document.paths['/api/v1/cases/{id}'].get.responses['200'].content as {
        'application/json': { schema: { required: string[] } };
      };
      expect(caseView['application/json'].schema.required).toEqual(
        expect.arrayContaining(['dnr', 'dnrDisplay', 'title', 'titleHidden', 'status', 'version']),
      );
    } finally {
      await api?.close();
    }
  });

  it('lists every route of the api with its declared rule', async () => {
    let api: ApiHarness | undefined;
    try {
      api = await startApi(config);
      const routes = api.app.get(AccessDeclarations).routes();
      expect(routes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            method: 'POST',
            path: '/api/v1/municipalities',
            access: 'operator',
          }),
          expect.objectContaining({ method: 'GET', path: '/health/ready', access: 'public' }),
        ]),
      );
      expect(routes.every((route) => route.access !== undefined)).toBe(true);
      expect(routes.every((route) => route.response !== undefined)).toBe(true);
      await request(api.app.getHttpServer()).get('/health/live').expect(200);
    } finally {
      await api?.close();
    }
  });
});
