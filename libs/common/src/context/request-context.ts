import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting and on whose behalf; filled by the HTTP middleware, job dispatcher or CLI. */
export interface RequestContext {
  requestId: string;
  /** Municipality the request acts within, once known (identity fills it). */
  municipalityId?: number;
  actor: Actor;
}

export type ActorType = 'anonymous' | 'user' | 'operator' | 'system' | 'job';

export interface Actor {
  type: ActorType;
  /** User id, job id, or a name such as `demo-seed` for system work. */
  id?: string;
  /** For people reading the audit log: a username or a description. */
  label?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const RequestContexts = {
  run<T>(context: RequestContext, work: () => T): T {
    return storage.run(context, work);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  /** Replaces the actor for the rest of the current request (after authentication). */
  setActor(actor: Actor, municipalityId?: number): void {
    const context = storage.getStore();
    if (!context) throw new Error('No request context to set the actor on');
    context.actor = actor;
    if (municipalityId !== undefined) context.municipalityId = municipalityId;
  },
};
