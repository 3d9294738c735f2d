import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** HSTS for a year, sent only on a connection that came over TLS (directly or via the proxy). */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The security headers of every response (helmet): a Content-Security-Policy with scripts from
 * our own origin only and no framing by anyone (frame-ancestors 'none', X-Frame-Options DENY),
 * nosniff, no Referer, and the cross-origin isolation headers. HSTS only behind TLS, where it
 * means something (a browser ignores it over plain HTTP, and a test server has no certificate).
 */
export function securityHeaders() {
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Not on plain HTTP (a local demo at http://localhost): TLS is the proxy's to enforce.
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  // helmet is connect middleware that only sets headers, synchronously.
  return (request: IncomingMessage, response: ServerResponse, secure: boolean): void => {
    if (secure) response.setHeader('Strict-Transport-Security', HSTS);
    headers(request, response, () => undefined);
  };
}

/**
 * What the agenda read served from memory (ahead of the framework, so past helmet) sends of the same:
 * a JSON answer needs no sources at all. (HSTS comes with every other answer over TLS; a browser
 * keeps it from any one.)
 */
export const JSON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};
