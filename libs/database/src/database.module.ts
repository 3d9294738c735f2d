import { DynamicModule, Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@nf/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase } from './database-options';
import { runMigrationsLocked } from './migrate';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { OutboxWriter } from './outbox/outbox-writer';
import { TransactionRunner } from './transaction-runner';

/** Applies pending migrations at start (under a lock) unless APP_RUN_MIGRATIONS=false. */
@Injectable()
export class MigrationsOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.app.runMigrations) return;
    const applied = await runMigrationsLocked(this.dataSource);
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
            await ensureDatabase(config);
            return { ...dataSourceOptions(config), autoLoadEntities: true };
          },
        }),
        TypeOrmModule.forFeature([OutboxMessage]),
      ],
      providers: [MigrationsOnStart, TransactionRunner, OutboxWriter],
      exports: [TypeOrmModule, TransactionRunner, OutboxWriter],
    };
  }
}
