import { randomUUID } from 'node:crypto';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request's id: the caller's `x-request-id` where it is a plain token, else a new UUID. */
export function requestIdOf(presented: string | string[] | undefined): string {
  return typeof presented === 'string' && REQUEST_ID.test(presented) ? presented : randomUUID();
}
