import { Injectable } from '@nestjs/common';
import { Tenant, ValidationProblem } from '@nf/common';
import { DocumentQueries } from '@nf/registry';
import { Organs } from '@nf/tenancy';
import { In } from 'typeorm';
import { TjansteskrivelseFields } from './tjansteskrivelse.commands';

@Injectable()
export class TjansteskrivelseReferences {
  constructor(
    private readonly documents: DocumentQueries,
    private readonly organs: Organs,
  ) {}

  /** The organ exists in the tenant, and the basis documents belong to the same case. */
  async check(tenant: Tenant, caseId: number, fields: TjansteskrivelseFields): Promise<void> {
    if (fields.addressedOrganId !== undefined) {
      await this.organs.get(tenant, fields.addressedOrganId).catch(() => {
        throw new ValidationProblem([{ field: 'addressedOrganId', message: 'no such organ' }]);
      });
    }
    const ids = fields.basisDocumentIds ?? [];
    if (ids.length === 0) return;
    const found = await this.documents.repository.find(tenant, { caseId, id: In(ids) });
    const missing = ids.filter((id) => !found.some((document) => document.id === id));
    if (missing.length > 0) {
      throw new ValidationProblem([
        {
          field: 'basisDocumentIds',
          message: `not documents of this case: ${missing.join(', ')}`,
        },
      ]);
    }
  }
}
