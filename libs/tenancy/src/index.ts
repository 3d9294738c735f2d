export { Municipality, toMunicipalityView } from './municipality.entity';
export type { MunicipalityView } from './municipality.entity';
export { Municipalities } from './municipalities';
export {
  CreateMunicipality,
  CreateMunicipalityCommand,
} from './use-cases/create-municipality.use-case';
export { TenancyModule } from './tenancy.module';
export { TenancyHttpModule } from './tenancy-http.module';
