import { SetMetadata } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import { Static, TSchema, Type } from '@sinclair/typebox';

/**
 * The response contract of a route. Every route declares one, as it declares its `@Access` rule:
 * the api refuses to start with a route that has none, and the OpenAPI document (from which the
 * web app's client types are generated) carries it.
 *
 * `@Returns(schema)` is typed: the handler must return (a promise of) the schema's static type,
 * so the compiler fails when a handler's result and its declared contract drift apart.
 */
export const RESPONSE_METADATA = 'nf:response';

export type ResponseKind = 'json' | 'empty' | 'file' | 'html' | 'text' | 'redirect';

export interface DeclaredResponse {
  status: number;
  kind: ResponseKind;
  /** Media types of a file, HTML or text answer. */
  mediaTypes?: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler<R> = (...args: any[]) => R | Promise<R>;

type TypedMethodDecorator<R> = <H extends Handler<R>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<H>,
) => void;

/** The schema as plain JSON (TypeBox marks its schemas with symbols, which OpenAPI has no use for). */
export function plainSchema(schema: TSchema): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}

function declare<R>(
  response: DeclaredResponse,
  openApi: Parameters<typeof ApiResponse>[0],
): TypedMethodDecorator<R> {
  return (target, key, descriptor) => {
    SetMetadata(RESPONSE_METADATA, response)(target, key, descriptor);
    ApiResponse(openApi)(target, key, descriptor);
    if (response.mediaTypes) ApiProduces(...response.mediaTypes)(target, key, descriptor);
  };
}

/** A JSON answer of this schema, with this status (200 unless given). */
export function Returns<S extends TSchema>(
  schema: S,
  status = 200,
  description = 'OK',
): TypedMethodDecorator<Static<S>> {
  return declare({ status, kind: 'json' }, { status, description, schema: plainSchema(schema) });
}

/** No body (204 unless given). */
Returns.nothing = (status = 204, description = 'No content'): TypedMethodDecorator<void> =>
  declare({ status, kind: 'empty' }, { status, description });

/** A file: bytes of one of these media types. */
Returns.file = (...mediaTypes: string[]): TypedMethodDecorator<unknown> =>
  declare(
    { status: 200, kind: 'file', mediaTypes },
    {
      status: 200,
      description: 'The file',
      content: Object.fromEntries(
        mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
      ),
    },
  );

/** An HTML page (the public notice board) or plain text (metrics). */
Returns.page = (mediaType: 'text/html' | 'text/plain'): TypedMethodDecorator<unknown> =>
  declare(
    { status: 200, kind: mediaType === 'text/html' ? 'html' : 'text', mediaTypes: [mediaType] },
    { status: 200, description: 'OK', content: { [mediaType]: { schema: { type: 'string' } } } },
  );

/** A value of the schema or null. */
export const Nullable = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);

/** An instant, serialised as an ISO 8601 string (a Date in the handler, a string on the wire). */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

/** A calendar date, `YYYY-MM-DD`. */
export const CalendarDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** A list of these items. */
export const ListOf = <S extends TSchema>(schema: S) => Type.Array(schema);

/** A keyset page: the items and the cursor of the next page (null on the last). */
export const PageOf = <S extends TSchema>(schema: S) =>
  Type.Object({ items: Type.Array(schema), nextCursor: Nullable(Type.String()) });

/** One of these strings. */
export const OneOf = <const V extends readonly string[]>(values: V) =>
  Type.Unsafe<V[number]>({ type: 'string', enum: [...values] });
