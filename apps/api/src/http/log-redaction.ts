/** Paths whose last part is a secret: a calendar feed's address is its own key. */
const SECRET_PATHS = [/(\/api\/v1\/calendar\/)[^/?#]+(\.ics)/];

/** The request's URL as the access log may keep it: secrets in the path are replaced. */
export function loggableUrl(url: string): string {
  return SECRET_PATHS.reduce((result, pattern) => result.replace(pattern, '$1[secret]$2'), url);
}

/** Header names that carry credentials: authorization, cookies, and anything named as a token or key. */
const SECRET_HEADER = /authorization|cookie|token|secret|api-?key|session|password/i;

/** Request (or response) headers as the access log may keep them: credentials are replaced. */
export function loggableHeaders(
  headers: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!headers) return headers;
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      SECRET_HEADER.test(name) ? '[redacted]' : value,
    ]),
  );
}
