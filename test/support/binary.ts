import type { Response } from 'supertest';

/** A supertest parser that keeps the body as bytes (`.buffer(true).parse(binary)`), for files. */
export function binary(response: Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
