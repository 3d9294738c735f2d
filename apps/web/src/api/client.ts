import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { authorizedFetch } from '../auth/session';

/** The api, typed from its OpenAPI document (generated at build time into schema.d.ts). */
export const api = createClient<paths>({ baseUrl: '', fetch: authorizedFetch });

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Responses<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? R
  : never;

/** The JSON a route answers with on success. */
export type Ok<P extends keyof paths, M extends Method = 'get'> = JsonOf<
  Responses<P, M>[Extract<keyof Responses<P, M>, 200 | 201 | 202>]
>;

/** The JSON body a route takes. */
export type Body<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type CaseView = Ok<'/api/v1/cases/{id}'>;
export type CaseSummary = Ok<'/api/v1/cases'>['cases'][number];
export type DocumentView = Ok<'/api/v1/cases/{id}/documents'>[number];
export type Timeline = Ok<'/api/v1/cases/{id}/timeline'>;
export type AgendaView = Ok<'/api/v1/meetings/{id}'>;
export type AgendaItem = AgendaView['items'][number];
export type MeetingView = Ok<'/api/v1/meetings'>['meetings'][number];
export type ReadyCase = Ok<'/api/v1/organs/{id}/ready-cases'>['cases'][number];
export type OrganView = Ok<'/api/v1/organs'>[number];
export type Tjansteskrivelse = Ok<'/api/v1/tjansteskrivelser/{id}', 'patch'>;
export type MeView = Ok<'/api/v1/auth/me'>;
export type KallelseView = Ok<'/api/v1/meetings/{id}/kallelse'>;
export type ProtocolView = Ok<'/api/v1/protocols/{id}'>;
export type ParagraphView = ProtocolView['paragraphs'][number];

/** An RFC 9457 problem from the api. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string | undefined,
    readonly errors: Array<{ field: string; message: string }> = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(detail ?? code);
  }

  static from(response: Response, body: unknown): ApiProblem {
    const problem = (body ?? {}) as {
      code?: string;
      detail?: string;
      errors?: Array<{ field: string; message: string }>;
      retryAfterSeconds?: number;
    };
    return new ApiProblem(
      response.status,
      problem.code ?? `http-${response.status}`,
      problem.detail,
      problem.errors ?? [],
      problem.retryAfterSeconds,
    );
  }
}

/** The data of an openapi-fetch answer, or the api's problem thrown. */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiProblem.from(response, error);
  return data as T;
}
