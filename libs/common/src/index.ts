export { Clock, FixedClock, SystemClock } from './time/clock';
export * from './time/stockholm';
export * from './errors/problem';
export { RequestContexts } from './context/request-context';
export type { Tenant } from './context/tenant';
export type { Actor, ActorType, RequestContext } from './context/request-context';
export { createRootLogger, PinoNestLogger } from './logging/logger';
export { CommonModule } from './common.module';
export { IsLocalDate } from './validation/is-local-date';
