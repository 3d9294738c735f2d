import { DEMO_USERS, DemoSeeder } from '@nf/demo';
import request from 'supertest';
import { ApiHarness } from './api-harness';

export const DEMO_ROLES = DEMO_USERS.map((user) => user.username);
export type DemoRole = (typeof DEMO_ROLES)[number];

export interface Tenant {
  slug: string;
  municipalityId: number;
  /** Access token of each demo user, by user name (= role). */
  tokens: Record<string, string>;
  /** User id of each demo user, by user name. */
  userIds: Record<string, number>;
}

export async function login(
  api: ApiHarness,
  municipality: string,
  username: string,
  password = 'demo',
) {
  const response = await request(api.app.getHttpServer())
    .post('/api/v1/auth/login')
    .send({ municipality, username, password });
  if (response.status !== 200) {
    throw new Error(
      `login ${municipality}/${username} gave ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body as { accessToken: string; refreshToken: string };
}

/** Seeds the demo municipality under `slug` and logs every demo user in. */
export async function seedTenant(
  api: ApiHarness,
  slug: string,
  options: { stopBefore?: 'ksapu-protocol' } = {},
): Promise<Tenant> {
  await api.app.get(DemoSeeder).seed(slug, options);
  const [{ id }] = await api.dataSource.query('SELECT id FROM municipalities WHERE slug = ?', [
    slug,
  ]);
  const tokens: Record<string, string> = {};
  const userIds: Record<string, number> = {};
  for (const username of DEMO_ROLES) {
    tokens[username] = (await login(api, slug, username)).accessToken;
    const [user] = await api.dataSource.query(
      'SELECT id FROM users WHERE municipality_id = ? AND username = ?',
      [id, username],
    );
    userIds[username] = Number(user.id);
  }
  return { slug, municipalityId: Number(id), tokens, userIds };
}

/** Ids of one municipality's rows in a table. */
export async function idsOf(
  api: ApiHarness,
  table: string,
  municipalityId: number,
): Promise<number[]> {
  const rows = await api.dataSource.query(
    `SELECT id FROM ${table} WHERE municipality_id = ? ORDER BY id`,
    [municipalityId],
  );
  return rows.map((row: { id: number | string }) => Number(row.id));
}

/** The password of the outsider `createOutsider` makes. */
export const OUTSIDER_PASSWORD = 'ett-langt-losenord-1';

/**
 * A handläggare who is responsible for no case and sits on no organ: a reader without the right
 * to see secret cases. Made by the tenant's admin; returns an access token.
 */
export async function createOutsider(api: ApiHarness, tenant: Tenant): Promise<string> {
  await request(api.app.getHttpServer())
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${tenant.tokens.admin}`)
    .send({
      username: 'utomstaende',
      displayName: 'Utomstående Handläggare',
      password: OUTSIDER_PASSWORD,
      roles: [{ role: 'handlaggare' }],
    })
    .expect(201);
  return (await login(api, tenant.slug, 'utomstaende', OUTSIDER_PASSWORD)).accessToken;
}
