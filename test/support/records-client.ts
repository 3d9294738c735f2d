import request from 'supertest';
import type { ApiHarness } from './api-harness';
import type { Tenant } from './identity';

/** A case registered through the api with documents and files, as the registrator does it. */
export interface SeededCase {
  id: number;
  dnr: string;
  version: number;
  documents: Array<{ id: number; type: string; fileId: number | null }>;
}

/** The registry's and the records context's doors, as the records tests use them. */
export function recordsClient(api: ApiHarness, tenant: Tenant) {
  const http = () => request(api.app.getHttpServer());
  const as = (role = 'registrator') => ({ Authorization: `Bearer ${tenant.tokens[role]}` });
  return {
    http,
    as,
    async registerCase(
      title: string,
      classificationCode: string,
      documents: Array<{ type: string; body?: string }>,
      extra: Record<string, unknown> = {},
    ): Promise<SeededCase> {
      const created = await http()
        .post('/api/v1/cases')
        .set(as())
        .send({ title, classificationCode, ...extra })
        .expect(201);
      const seeded: SeededCase = {
        id: created.body.id,
        dnr: created.body.dnr,
        version: created.body.version,
        documents: [],
      };
      for (const [index, document] of documents.entries()) {
        const registered = await http()
          .post(`/api/v1/cases/${seeded.id}/documents`)
          .set(as())
          .send({
            direction: 'inkommande',
            date: '2026-11-02',
            description: `${title}: handling ${index + 1}`,
            type: document.type,
            senderRecipient: 'Anna Sökande',
          })
          .expect(201);
        let fileId: number | null = null;
        if (document.body !== undefined) {
          const upload = await http()
            .post(
              `/api/v1/documents/${registered.body.id}/files?filename=handling-${index + 1}.txt`,
            )
            .set(as())
            .set('Content-Type', 'text/plain')
            .send(Buffer.from(document.body))
            .expect(201);
          fileId = upload.body.id;
        }
        seeded.documents.push({ id: registered.body.id, type: document.type, fileId });
      }
      return seeded;
    },
    async close(caseId: number): Promise<void> {
      await http().post(`/api/v1/cases/${caseId}/close`).set(as()).send({}).expect(200);
    },
    async documentsOf(caseId: number) {
      return (await http().get(`/api/v1/cases/${caseId}/documents`).set(as()).expect(200))
        .body as Array<{
        id: number;
        description: string;
        senderRecipient: string | null;
        weededAt: string | null;
        weededByRule: string | null;
        files: Array<{ id: number; sha256: string }>;
      }>;
    },
    async draw() {
      return (await http().post('/api/v1/gallring-lists').set(as()).send({}).expect(200)).body
        .list as { id: number; version: number; status: string } | null;
    },
    async list(id: number) {
      return (await http().get(`/api/v1/gallring-lists/${id}`).set(as()).expect(200)).body as {
        id: number;
        status: string;
        version: number;
        decidedBy: string | null;
        counts: Record<string, number>;
        items: Array<{
          id: number;
          caseId: number;
          documentId: number;
          status: string;
          outcome: string | null;
          filesRemoved: number;
          dueOn: string;
          retention: string;
          legalBasis: string;
        }>;
      };
    },
  };
}
