import { createHash, randomBytes } from 'node:crypto';

export type TokenKind = 'access' | 'refresh' | 'service';

const PREFIX: Record<TokenKind, string> = { access: 'nfa', refresh: 'nfr', service: 'nfs' };

/** An opaque bearer token: a kind prefix and 256 random bits. Only its SHA-256 is stored. */
export function generateToken(kind: TokenKind): string {
  return `${PREFIX[kind]}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenKindOf(token: string): TokenKind | undefined {
  const prefix = token.slice(0, 3);
  return (Object.keys(PREFIX) as TokenKind[]).find(
    (kind) => PREFIX[kind] === prefix && token[3] === '_',
  );
}
