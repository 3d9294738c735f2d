import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { JobHandler, JobOutcome } from '@nf/queue';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { EFFECT_JOB, EffectJobModule, TEST_CATALOGUE } from '../../support/effect-jobs';
import { resetServices } from '../../support/services';
import { testConfig } from '../../support/test-config';

@Injectable()
class SecondEffectHandler {
  @JobHandler(EFFECT_JOB)
  async handle(): Promise<JobOutcome> {
    return { status: 'done' };
  }
}

@Injectable()
class StrayHandler {
  @JobHandler('test.nobody-declares-this')
  async handle(): Promise<JobOutcome> {
    return { status: 'done' };
  }
}

describe('Worker boot', () => {
  const config = testConfig();

  beforeAll(async () => {
    await resetServices(config);
  });

  const boot = async (
    providers: Array<new (...args: never[]) => unknown>,
    withEffectJob: boolean,
  ) => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        WorkerModule.forRoot(config, {
          catalogue: TEST_CATALOGUE,
          runOutbox: false,
          schedulers: false,
        }),
        ...(withEffectJob ? [EffectJobModule] : []),
      ],
      providers,
    }).compile();
    try {
      await moduleRef.init();
      return 'booted';
    } finally {
      await moduleRef.close();
    }
  };

  it('boots when every job name has exactly one handler', async () => {
    await expect(boot([], true)).resolves.toBe('booted');
  });

  it('refuses to boot when a job name has no handler', async () => {
    await expect(boot([], false)).rejects.toThrow(`job ${EFFECT_JOB} has no handler`);
  });

  it('refuses to boot when a job name has two handlers', async () => {
    await expect(boot([SecondEffectHandler], true)).rejects.toThrow(
      `job ${EFFECT_JOB} has two handlers`,
    );
  });

  it('refuses to boot when a handler names a job that no queue declares', async () => {
    await expect(boot([StrayHandler], true)).rejects.toThrow(
      'test.nobody-declares-this, which no queue declares',
    );
  });
});
