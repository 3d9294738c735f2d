import { INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditModule } from '@nf/audit';
import { Clock, CommonModule, Tenant } from '@nf/common';
import { AppConfig, ConfigModule } from '@nf/config';
import { DatabaseModule } from '@nf/database';
import { QueueModule } from '@nf/queue';
import { DnrSeriesQueries, RegistryModule } from '@nf/registry';
import { CreateMunicipality, CreateMunicipalityCommand } from '@nf/tenancy';
import { DataSource } from 'typeorm';

@Module({})
class RegistryTestRoot {}

/** The registry module on the real database, without HTTP: for numbering and search tests. */
export async function startRegistry(
  config: AppConfig,
  clock?: Clock,
): Promise<INestApplicationContext> {
  let builder = Test.createTestingModule({
    imports: [
      {
        module: RegistryTestRoot,
        imports: [
          ConfigModule.forRoot(config),
          CommonModule,
          DatabaseModule.forRoot(),
          AuditModule,
          QueueModule.forRoot(),
          RegistryModule,
        ],
      },
    ],
  });
  if (clock) builder = builder.overrideProvider(Clock).useValue(clock);
  return (await builder.compile()).init();
}

export async function createTenant(
  app: INestApplicationContext,
  slug: string,
  dnrFormat = '{year}-{serial:5}',
): Promise<Tenant & { seriesId: number }> {
  const municipality = await app
    .get(CreateMunicipality)
    .execute(new CreateMunicipalityCommand(slug, `${slug} kommun`));
  await app
    .get(DataSource)
    .query('UPDATE municipalities SET dnr_format = ? WHERE id = ?', [dnrFormat, municipality.id]);
  const tenant = { municipalityId: municipality.id };
  const series = await app.get(DnrSeriesQueries).defaultFor(tenant);
  return { ...tenant, seriesId: series.id };
}
