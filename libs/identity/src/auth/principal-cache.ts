import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { Clock } from '@nf/common';
import { AppConfig } from '@nf/config';
import { LoadTicket, ReadCache } from '@nf/database';
import { hashToken } from '../tokens/token-codec';

const MAX_TOKENS = 10_000;

/**
 * The principals of recently presented bearer tokens, for the api's cached reads (the agenda):
 * filled by the access guard whenever it resolves a token, read by nothing else. Every endpoint
 * still resolves its token from the database; only a read served from memory trusts this, so a
 * revoked or deactivated login may read a cached agenda for at most 2 × APP_READ_CACHE_MS (at once
 * when it was revoked through this process). A token that expires sooner is not kept. Keyed by
 * the token's SHA-256, as the database keeps it.
 */
@Injectable()
export class PrincipalCache {
  private readonly cache: ReadCache<string, Principal>;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.cache = new ReadCache(config.app.readCacheMs, MAX_TOKENS);
  }

  begin(): LoadTicket {
    return this.cache.begin();
  }

  remember(token: string, principal: Principal, expiresAt: Date | null, ticket: LoadTicket): void {
    const ttl = this.cache.ttlMs;
    if (ttl <= 0) return;
    if (expiresAt && expiresAt.getTime() - this.clock.now().getTime() <= 2 * ttl) return;
    this.cache.store(hashToken(token), principal, ticket);
  }

  lookup(token: string): Principal | undefined {
    return this.cache.ttlMs > 0 ? this.cache.get(hashToken(token)) : undefined;
  }
}
