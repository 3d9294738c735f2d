/** Paths whose last part is a secret: a calendar feed's address is its own key. */
const SECRET_PATHS = [/(\/api\/v1\/calendar\/)[^/?#]+(\.ics)/];

/** The request's URL as the access log may keep it: secrets in the path are replaced. */
export function loggableUrl(url: string): string {
  return SECRET_PATHS.reduce((result, pattern) => result.replace(pattern, '$1[secret]$2'), url);
}
