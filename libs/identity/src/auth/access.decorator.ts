import { SetMetadata } from '@nestjs/common';

/**
 * Who may call an endpoint. Every route handler must carry an `@Access(...)`; the api refuses to
 * start when one does not, and the guard denies any request to an undeclared route.
 * - `public`: anyone, without logging in (public records, health).
 * - `operator`: the platform operator (APP_ADMIN_TOKEN), for tenant provisioning and queues.
 */
export type AccessRule = 'public' | 'operator';

export const ACCESS_METADATA = 'nf:access';

export const Access = (rule: AccessRule): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, rule);
