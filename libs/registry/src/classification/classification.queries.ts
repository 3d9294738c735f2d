import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant, ValidationProblem } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { Repository } from 'typeorm';
import { ClassificationCode } from './classification-code.entity';

/** The municipality's classification structure (klassificeringsstruktur), and whether a code may be used. */
@Injectable()
export class ClassificationQueries {
  readonly repository: TenantRepository<ClassificationCode>;

  constructor(@InjectRepository(ClassificationCode) repository: Repository<ClassificationCode>) {
    this.repository = new TenantRepository(repository, 'classification code');
  }

  list(tenant: Tenant): Promise<ClassificationCode[]> {
    return this.repository.find(tenant, {}, { code: 'ASC' });
  }

  /** Throws a 422 naming the field unless the code is an active code of the municipality. */
  async assertUsable(tenant: Tenant, code: string, field = 'classificationCode'): Promise<void> {
    const found = await this.repository.findOne(tenant, { code, active: true });
    if (!found)
      throw new ValidationProblem([
        { field, message: `no classification code ${JSON.stringify(code)} in this municipality` },
      ]);
  }
}
