import { BadRequestProblem } from '@nf/common';
import type { NextFunction, Request, Response } from 'express';

const DANGEROUS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first key anywhere in a parsed JSON value that could reach an object's prototype. */
export function findDangerousKey(value: unknown, depth = 0): string | undefined {
  if (depth > 32 || value === null || typeof value !== 'object' || Buffer.isBuffer(value))
    return undefined;
  for (const key of Object.keys(value)) {
    if (DANGEROUS.has(key)) return key;
    const found = findDangerousKey((value as Record<string, unknown>)[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Refuses bodies with `__proto__`, `constructor` or `prototype` keys before anything reads them. */
export function rejectDangerousKeys(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const key = findDangerousKey(request.body);
  next(
    key
      ? new BadRequestProblem('forbidden-key', `The body may not contain a key named ${key}.`)
      : undefined,
  );
}
