import { BadRequestProblem } from '@nf/common';

const DANGEROUS = new Set(['__proto__', 'constructor', 'prototype']);
/** How deep a JSON body may nest: no request of ours goes past a handful of levels. */
export const MAX_BODY_DEPTH = 32;

/**
 * What is wrong with a parsed JSON body, if anything: a key that could reach an object's
 * prototype, or nesting deeper than MAX_BODY_DEPTH (a 5,000-deep array overflowed the
 * validator's stack). Walked with a stack of its own, so that no body can overflow this either.
 */
export function bodyProblem(value: unknown): BadRequestProblem | undefined {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
    if (depth >= MAX_BODY_DEPTH) {
      return new BadRequestProblem(
        'body-too-deep',
        `The body nests deeper than ${MAX_BODY_DEPTH} levels.`,
      );
    }
    for (const key of Object.keys(current)) {
      if (DANGEROUS.has(key)) {
        return new BadRequestProblem(
          'forbidden-key',
          `The body may not contain a key named ${key}.`,
        );
      }
      pending.push([(current as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}
