import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths that belong to the api and the server-rendered pages: the app's fallback never answers them. */
export const RESERVED_PREFIXES = [
  '/api',
  '/health',
  '/metrics',
  '/admin',
  '/anslagstavla',
] as const;

const YEAR_SECONDS = 365 * 24 * 3600;

const reserved = (path: string) =>
  RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * Serves the built web app: its hashed assets cached for a year (a new build has new names),
 * its other files for an hour, and `index.html` for every other GET that asks for a page (the
 * single-page app routes itself), never cached so that a deploy reaches every browser at once.
 * Returns undefined when the app is not built (the api alone still works).
 */
export function webApp(
  dir: string,
): ((request: Request, response: Response, next: NextFunction) => void) | undefined {
  const root = resolve(dir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return undefined;
  const index = readFileSync(indexFile);
  const assetDir = join(root, 'assets');
  const precompressed = new Set(existsSync(assetDir) ? readdirSync(assetDir) : []);
  const assets = express.static(assetDir, {
    index: false,
    fallthrough: false,
    immutable: true,
    maxAge: YEAR_SECONDS * 1000,
  });
  const files = express.static(root, { index: false, maxAge: 3600 * 1000 });
  return (request, response, next) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reserved(request.path))
      return next();
    if (request.path.startsWith('/assets/')) {
      // The build wrote a brotli and a gzip copy of each asset: the smallest the browser takes.
      const encoding = request.acceptsEncodings('br', 'gzip');
      const compressed = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '';
      response.setHeader('Vary', 'Accept-Encoding');
      if (
        compressed &&
        precompressed.has(`${request.path.slice('/assets/'.length)}${compressed}`)
      ) {
        response.setHeader('Content-Encoding', encoding as string);
        response.type(request.path.slice(request.path.lastIndexOf('.')));
        request.url = `${request.path.slice('/assets'.length)}${compressed}`;
        return assets(request, response, (error?: unknown) => next(error));
      }
      request.url = request.url.slice('/assets'.length);
      return assets(request, response, (error?: unknown) => {
        request.url = `/assets${request.url}`;
        if (error && (error as { status?: number }).status === 404) {
          response.status(404).type('text/plain').send('Not found');
          return;
        }
        next(error);
      });
    }
    const page = () =>
      response.status(200).type('html').setHeader('Cache-Control', 'no-cache').send(index);
    if (request.path === '/index.html') return page();
    files(request, response, () => {
      // Anything else that asks for a page is one of the app's routes.
      if (!request.accepts('html') || /\.[a-z0-9]+$/i.test(request.path)) return next();
      page();
    });
  };
}
