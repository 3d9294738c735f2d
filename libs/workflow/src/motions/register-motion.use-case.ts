import { Injectable } from '@nestjs/common';
import { Tenant } from '@nf/common';
import { RegisterCase, Case } from '@nf/registry';
import { Organs } from '@nf/tenancy';
import { AttachMotion } from './attach-motion.use-case';
import { RegisterMotionCommand } from './motion-year';
import { Motion } from './motion.entity';

/** Registers a motion to KF: a case (with a dnr) of type motion, its authors and the one-year deadline. */

@Injectable()
export class RegisterMotion {
  constructor(
    private readonly registerCase: RegisterCase,
    private readonly organs: Organs,
    private readonly attachMotion: AttachMotion,
  ) {}

  async execute(
    tenant: Tenant,
    actorId: number | null,
    command: RegisterMotionCommand,
  ): Promise<{ record: Case; motion: Motion }> {
    const kf = await this.organs.findByCode(tenant, 'KF');
    let motion: Motion | undefined;
    const record = await this.registerCase.execute(
      tenant,
      actorId,
      {
        title: command.title,
        classificationCode: command.classificationCode ?? null,
        organId: kf?.id ?? null,
        responsibleUserId: command.responsibleUserId ?? null,
        seriesId: command.seriesId,
      },
      {
        beforeCommit: async (tx, registered) => {
          motion = await this.attachMotion.execute(tx, tenant, registered.id, command);
        },
      },
    );
    return { record, motion: motion! };
  }
}
