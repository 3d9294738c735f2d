import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import send from 'send';

/** Paths that belong to the api and the server-rendered pages: the app's fallback never answers them. */
export const RESERVED_PREFIXES = [
  '/api',
  '/health',
  '/metrics',
  '/admin',
  '/anslagstavla',
  '/portal',
  '/oparl',
] as const;

const YEAR_MS = 365 * 24 * 3600 * 1000;
/** The types of what the build precompresses (send would name a `.br` file by its own suffix). */
const COMPRESSED_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const HOUR_MS = 3600 * 1000;

const reserved = (path: string) =>
  RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** The encodings of an Accept-Encoding header that are not refused (q=0). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

/** Whether a request takes an HTML page (no Accept header, text/html or anything). */
function acceptsHtml(header: string | undefined): boolean {
  if (!header) return true;
  return header
    .split(',')
    .map((part) => part.trim().toLowerCase().split(';'))
    .some(
      ([type, ...parameters]) =>
        (type === 'text/html' || type === 'text/*' || type === '*/*') &&
        !parameters.some((p) => /^\s*q=0(\.0+)?\s*$/.test(p)),
    );
}

function notFound(response: ServerResponse): void {
  response.statusCode = 404;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end('Not found');
}

/**
 * Serves the built web app, ahead of the api's routes: its hashed assets cached for a year (a new
 * build has new names), in the brotli or gzip copy the build wrote when the browser takes it; its
 * other files for an hour; and `index.html` for every other GET that asks for a page (the
 * single-page app routes itself), never cached so that a deploy reaches every browser at once.
 * An `onRequest` hook: what it serves it writes itself (the security headers are already on the
 * response); everything else goes on to the api. Undefined when the app is not built (the api
 * alone still works).
 */
export function webApp(
  dir: string,
): ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) | undefined {
  const root = resolve(dir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return undefined;
  const index = readFileSync(indexFile);
  const assetDir = join(root, 'assets');
  const precompressed = new Set(existsSync(assetDir) ? readdirSync(assetDir) : []);

  const isFile = (path: string) => {
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) return false;
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };

  const page = (response: ServerResponse, head: boolean) => {
    response.statusCode = 200;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Length', index.length);
    response.end(head ? undefined : index);
  };

  const serve = (
    request: FastifyRequest,
    response: ServerResponse,
    from: string,
    path: string,
    options: send.SendOptions,
  ) =>
    new Promise<void>((done) => {
      send(request.raw, path, { root: from, index: false, dotfiles: 'ignore', ...options })
        .on('error', (error: { status?: number }) => {
          if (error.status === 404 || error.status === 403) notFound(response);
          else {
            response.statusCode = error.status ?? 500;
            response.end();
          }
          done();
        })
        .on('end', () => done())
        .pipe(response);
    });

  return async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0]);
    } catch {
      return;
    }
    if (reserved(path)) return;
    const head = request.method === 'HEAD';
    if (path.startsWith('/assets/')) {
      reply.hijack();
      const response = reply.raw;
      const name = path.slice('/assets/'.length);
      // The build wrote a brotli and a gzip copy of each asset: the smallest the browser takes.
      const accepted = acceptedEncodings(request.headers['accept-encoding']);
      const encoding = accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : undefined;
      const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '';
      response.setHeader('Vary', 'Accept-Encoding');
      const options = { immutable: true, maxAge: YEAR_MS };
      if (suffix && precompressed.has(`${name}${suffix}`)) {
        response.setHeader('Content-Encoding', encoding!);
        response.setHeader(
          'Content-Type',
          COMPRESSED_TYPES[extname(name)] ?? 'application/octet-stream',
        );
        return serve(request, response, assetDir, `/${name}${suffix}`, options);
      }
      return serve(request, response, assetDir, `/${name}`, options);
    }
    if (path === '/index.html') {
      reply.hijack();
      return page(reply.raw, head);
    }
    if (isFile(path)) {
      reply.hijack();
      return serve(request, reply.raw, root, path, { maxAge: HOUR_MS });
    }
    // Anything else that asks for a page is one of the app's routes.
    if (acceptsHtml(request.headers.accept) && !/\.[a-z0-9]+$/i.test(path)) {
      reply.hijack();
      return page(reply.raw, head);
    }
  };
}
