import { Controller, Get, Module } from '@nestjs/common';
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

describe('Access declarations', () => {
  const config = testConfig();

  beforeAll(async () => {
    await resetServices(config);
  });

  it('refuses to start the api when an endpoint declares no access rule', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot(config), ForgottenModule],
    }).compile();
    const app = moduleRef.createNestApplication();
    await expect(app.init()).rejects.toThrow('GET /api/v1/forgotten (ForgottenController.list)');
    await app.close();
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
      await request(api.app.getHttpServer()).get('/health/live').expect(200);
    } finally {
      await api?.close();
    }
  });
});
