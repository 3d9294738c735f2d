import request from 'supertest';
import { ApiHarness } from './api-harness';
import { Tenant } from './identity';

/**
 * A small client of the protocols API for tests: the demo's secretary opens a meeting's protocol
 * with the demo's chair and justerare, and locks it for them to sign. Each call asserts its status.
 */
export function protocolClient(api: ApiHarness, tenant: Tenant) {
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${tenant.tokens[user]}` });

  return {
    /** The protocol of a held meeting, chaired by `ordforande` and adjusted by `justerare`. */
    async openProtocol<T = unknown>(meetingId: number): Promise<T> {
      return (
        await http()
          .post(`/api/v1/meetings/${meetingId}/protocol`)
          .set(as('sekreterare'))
          .send({
            chairUserId: tenant.userIds.ordforande,
            adjusterUserIds: [tenant.userIds.justerare],
          })
          .expect(201)
      ).body as T;
    },

    /** Locks the protocol as it stands and has the chair and the justerare sign it. */
    async lockAndSign<T extends { contentHash: string | null }>(protocolId: number): Promise<T> {
      const { version } = (
        await http().get(`/api/v1/protocols/${protocolId}`).set(as('sekreterare')).expect(200)
      ).body;
      const locked = (
        await http()
          .post(`/api/v1/protocols/${protocolId}/lock`)
          .set(as('sekreterare'))
          .send({ version })
          .expect(200)
      ).body as T;
      for (const user of ['ordforande', 'justerare']) {
        await http()
          .post(`/api/v1/protocols/${protocolId}/signatures`)
          .set(as(user))
          .send({ contentHash: locked.contentHash })
          .expect(201);
      }
      return locked;
    },
  };
}
