import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '@nf/access';
import { Clock } from '@nf/common';
import { AppConfig } from '@nf/config';
import { LoadTicket, ReadCache } from '@nf/database';
import { hashToken } from '../tokens/token-codec';
import { PrincipalLoader } from './principal-loader';

const MAX_TOKENS = 10_000;

/**
 * The principals of recently presented bearer tokens, for the api's cached reads (the agenda):
 * filled by the access guard whenever it resolves a token, read by nothing else. Every endpoint
 * still resolves its token from the database; only a read served from memory trusts this, so a
 * revoked or deactivated login may read a cached agenda for at most 2 × APP_READ_CACHE_MS (at once
 * when it was revoked through this process). Once a principal is a ttl old, the read that finds it
 * is still answered and the token is resolved again in the background: a hundred members reading
 * at once do not each wait for their token once a second. A token that expires sooner is not kept.
 * Keyed by the token's SHA-256, as the database keeps it.
 */
@Injectable()
export class PrincipalCache {
  private readonly logger = new Logger(PrincipalCache.name);
  private readonly cache: ReadCache<string, Principal>;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
    private readonly loader: PrincipalLoader,
  ) {
    this.cache = new ReadCache(config.app.readCacheMs, MAX_TOKENS);
  }

  begin(): LoadTicket {
    return this.cache.begin();
  }

  remember(token: string, principal: Principal, expiresAt: Date | null, ticket: LoadTicket): void {
    if (this.cache.ttlMs <= 0) return;
    this.store(hashToken(token), principal, expiresAt, ticket);
  }

  lookup(token: string): Principal | undefined {
    if (this.cache.ttlMs <= 0) return undefined;
    const key = hashToken(token);
    return this.cache.get(key, (ticket) => void this.resolveAgain(token, key, ticket));
  }

  private async resolveAgain(token: string, key: string, ticket: LoadTicket): Promise<void> {
    try {
      const resolved = await this.loader.fromBearer(token);
      if (!resolved) this.cache.forget(key);
      else this.store(key, resolved.principal, resolved.expiresAt, ticket);
    } catch (error) {
      this.cache.forget(key);
      this.logger.warn(`Could not resolve a cached token again: ${String(error)}`);
    }
  }

  private store(key: string, principal: Principal, expiresAt: Date | null, ticket: LoadTicket) {
    if (expiresAt && expiresAt.getTime() - this.clock.now().getTime() <= 2 * this.cache.ttlMs) {
      this.cache.forget(key);
      return;
    }
    this.cache.store(key, principal, ticket);
  }
}
