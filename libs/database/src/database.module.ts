import { DynamicModule, Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@nf/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase, migrationDataSourceOptions } from './database-options';
import { runMigrationsLocked } from './migrate';
import { TransactionRunner } from './transaction-runner';

/**
 * Applies pending migrations at start (under a lock) unless APP_RUN_MIGRATIONS=false: on a
 * connection of their own as DB_MIGRATION_USER when it is set, so that the apps' pool keeps a
 * user that may not change the schema.
 */
@Injectable()
export class MigrationsOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.app.runMigrations) return;
    const owner = this.config.db.migration
      ? await new DataSource(migrationDataSourceOptions(this.config)).initialize()
      : this.dataSource;
    let applied;
    try {
      applied = await runMigrationsLocked(owner);
    } finally {
      if (owner !== this.dataSource) await owner.destroy();
    }
    if (applied.length > 0) {
      this.logger.log(
        `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`,
      );
    }
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            // Without migrations at start, the database is the migrations' to create.
            if (config.app.runMigrations) await ensureDatabase(config);
            return { ...dataSourceOptions(config), autoLoadEntities: true };
          },
        }),
      ],
      providers: [MigrationsOnStart, TransactionRunner],
      exports: [TypeOrmModule, TransactionRunner],
    };
  }
}
