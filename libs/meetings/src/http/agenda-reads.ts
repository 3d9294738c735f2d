import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AppConfig } from '@nf/config';
import { ReadCache } from '@nf/database';
import { Case, canSeeSecret, canSeeSecretAt } from '@nf/registry';
import { Agenda, MeetingQueries } from '../meeting.queries';
import { toAgendaView } from './agenda-view';

const MAX_MEETINGS = 200;

interface CachedAgenda {
  agenda: Agenda;
  /** The secret cases on it: who may see which of them decides the rendering. */
  secretCases: Case[];
  /** The rendered JSON by that pattern ('' where the agenda has no secret case). */
  bodies: Map<string, Buffer>;
}

/**
 * The agenda read (`GET /api/v1/meetings/:id`), the hottest read there is when a board meets: it
 * loads through MeetingQueries and keeps the agenda in a short-lived read cache
 * (APP_READ_CACHE_MS), from which the api serves the same JSON again without the database
 * (`cachedBody`). Any commit in this process makes the cache load again; a change from another
 * process (the worker, another api) shows within twice the cache's time.
 */
@Injectable()
export class AgendaReads {
  private readonly cache: ReadCache<number, CachedAgenda>;

  constructor(
    private readonly queries: MeetingQueries,
    config: AppConfig,
  ) {
    this.cache = new ReadCache(config.app.readCacheMs, MAX_MEETINGS);
  }

  /**
   * The agenda as `principal` sees it: from memory while the cache trusts it (a reader whose token
   * the api had to resolve again, a hundred members each once a second, costs no agenda load),
   * else loaded from the database and kept for `cachedBody`.
   */
  async read(principal: Principal, id: number): Promise<ReturnType<typeof toAgendaView>> {
    const cached = this.trusted(principal, id);
    if (cached) return toAgendaView(cached.agenda, principal);
    const ticket = this.cache.begin();
    const agenda = await this.queries.agenda(principal, id);
    this.cache.store(
      id,
      {
        agenda,
        secretCases: [...agenda.cases.values()].filter((record) => record.secrecyOsl !== null),
        bodies: new Map(),
      },
      ticket,
    );
    return toAgendaView(agenda, principal);
  }

  /**
   * The JSON `read` would answer `principal` for meeting `id`, from memory; undefined when the
   * cache does not hold it (or holds another municipality's meeting under that id).
   */
  cachedBody(principal: Principal, id: number): Buffer | undefined {
    const cached = this.trusted(principal, id);
    if (!cached) return undefined;
    const pattern = cached.secretCases
      .map(
        (record) =>
          `${canSeeSecretAt(principal, record, cached.agenda.meeting.organId) ? 1 : 0}${canSeeSecret(principal, record) ? 1 : 0}`,
      )
      .join('');
    let body = cached.bodies.get(pattern);
    if (!body) {
      body = Buffer.from(JSON.stringify(toAgendaView(cached.agenda, principal)));
      cached.bodies.set(pattern, body);
    }
    return body;
  }

  /** Meeting `id`'s cached agenda, if trusted and of the principal's municipality. */
  private trusted(principal: Principal, id: number): CachedAgenda | undefined {
    const cached = this.cache.get(id);
    return cached?.agenda.meeting.municipalityId === principal.municipalityId ? cached : undefined;
  }
}
