import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Municipalities } from './municipalities';
import { Municipality } from './municipality.entity';
import { CreateMunicipality } from './use-cases/create-municipality.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([Municipality])],
  providers: [Municipalities, CreateMunicipality],
  exports: [Municipalities, CreateMunicipality],
})
export class TenancyModule {}
