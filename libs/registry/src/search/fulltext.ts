/**
 * Turns what a person typed into a MariaDB boolean-mode FULLTEXT query: every word required, each
 * as a prefix ("budget" finds "budgeten"). Operators are stripped, so input cannot change the query's
 * meaning. Words shorter than the index's minimum (3) are dropped; undefined when nothing is left.
 */
export function toBooleanQuery(input: string): string | undefined {
  const words = searchWords(input);
  return words.length ? words.map((word) => `+${word}*`).join(' ') : undefined;
}

/** The words of a search: letters and digits only (so they are safe in any pattern), 3+ long, at most 10. */
export function searchWords(input: string): string[] {
  return input
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length >= 3)
    .slice(0, 10);
}
