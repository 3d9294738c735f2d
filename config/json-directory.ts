import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * Configuration kept as data: every `*.json` of a directory, by file name without `.json`
 * (`default`, and municipality slugs). `default.json` must be there. Problems are thrown through
 * `fail`, so that each kind of data names itself when the process refuses to start.
 */
export function readJsonDirectory(
  directory: string,
  what: string,
  fail: (message: string) => Error,
): Map<string, { file: string; content: unknown }> {
  const dir = resolve(directory);
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch (error) {
    throw fail(`Cannot read ${what} in ${dir}: ${String(error)}`);
  }
  if (!files.includes('default.json')) throw fail(`${dir} has no default.json`);
  const result = new Map<string, { file: string; content: unknown }>();
  for (const file of files) {
    try {
      result.set(basename(file, '.json'), {
        file,
        content: JSON.parse(readFileSync(join(dir, file), 'utf8')),
      });
    } catch (error) {
      throw fail(`${file}: not valid JSON (${String(error)})`);
    }
  }
  return result;
}
