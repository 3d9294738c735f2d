/**
 * Turns what a person typed into a MariaDB boolean-mode FULLTEXT query: every word required, each
 * as a prefix ("budget" finds "budgeten"). Operators are stripped, so input cannot change the query's
 * meaning. Words shorter than the index's minimum (3) are dropped; undefined when nothing is left.
 */
export function toBooleanQuery(input: string): string | undefined {
  const words = input
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length >= 3)
    .slice(0, 10);
  return words.length ? words.map((word) => `+${word}*`).join(' ') : undefined;
}
