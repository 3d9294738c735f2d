import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keyLength: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 3;

/** Passwords that are refused everywhere, and that demo users may only use in demo mode. */
const DEFAULT_PASSWORDS = new Set([
  'demo',
  'password',
  'passw0rd',
  'admin',
  'changeme',
  'welcome',
  'secret',
  'losenord',
  'lösenord',
  'qwerty',
  '123456',
  '12345678',
  '123456789',
  '1234567890',
  'letmein',
  'sommar',
  'vinter',
]);

export function isDefaultPassword(password: string): boolean {
  return DEFAULT_PASSWORDS.has(password.trim().toLowerCase());
}

/** What is wrong with a new password, or undefined when it may be used. */
export function passwordPolicyViolation(password: string, username: string): string | undefined {
  if (password.length < 12) return 'The password must be at least 12 characters.';
  if (password.length > 200) return 'The password must be at most 200 characters.';
  if (isDefaultPassword(password)) return 'That password is a well-known default.';
  if (password.toLowerCase().includes(username.toLowerCase()))
    return 'The password must not contain the user name.';
  return undefined;
}

/**
 * scrypt from Node's own crypto (no native add-on to build), at OWASP's N=2^15, r=8, p=3 by
 * default. The parameters are stored with each hash, so the cost can be raised later.
 * Format: `scrypt$<N>$<r>$<p>$<salt base64>$<key base64>`.
 */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(private readonly cost: number) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.derive(password, salt, this.cost, BLOCK_SIZE, PARALLELISM);
    return [
      'scrypt',
      this.cost,
      BLOCK_SIZE,
      PARALLELISM,
      salt.toString('base64'),
      key.toString('base64'),
    ].join('$');
  }

  async verify(password: string, encoded: string | null): Promise<boolean> {
    if (!encoded) {
      // Spend the same time as a real check, so that response times do not reveal user names.
      await this.verify(
        password,
        await (this.dummy ??= this.hash(randomBytes(16).toString('hex'))),
      );
      return false;
    }
    const [scheme, n, r, p, salt, key] = encoded.split('$');
    if (scheme !== 'scrypt' || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await this.derive(
      password,
      Buffer.from(salt, 'base64'),
      Number(n),
      Number(r),
      Number(p),
    );
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  private derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
    return scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, {
      N: n,
      r,
      p,
      maxmem: 256 * n * r * p + 1024 * 1024,
    });
  }
}
