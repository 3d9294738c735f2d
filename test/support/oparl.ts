import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SCHEMAS = join(__dirname, '..', 'fixtures', 'oparl-1.1');

/**
 * The OParl 1.1 schemas (test/fixtures/oparl-1.1) as validators, by type name. Their own keyword
 * `"schema": "File.json"` (the schema of an embedded object) is read as a `$ref`; `references`,
 * `backreference` and `cardinality` only describe links, and the format `url` is an absolute
 * http(s) URL.
 */
export function oparlValidators(): Map<string, ValidateFunction> {
  // The schemas' patterns escape `:` and `/`, which a Unicode regular expression refuses.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addFormat('url', /^https?:\/\/[^\s/]+(\/[^\s]*)?$/);
  const withRefs = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(withRefs);
    if (node === null || typeof node !== 'object') return node;
    const object = node as Record<string, unknown>;
    if (typeof object.schema === 'string' && object.type === 'object') {
      return { $ref: object.schema };
    }
    return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, withRefs(value)]));
  };
  const names = readdirSync(SCHEMAS).filter((file) => file.endsWith('.json'));
  for (const file of names) {
    const schema = withRefs(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8'))) as object;
    ajv.addSchema({ ...schema, $id: file });
  }
  return new Map(
    names.map((file) => [file.replace(/\.json$/, ''), ajv.getSchema(file) as ValidateFunction]),
  );
}

/** Every absolute URL under `root` that an OParl object (or list) names, however deep. */
export function linksIn(value: unknown, root: string, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (value.startsWith(root)) found.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) linksIn(item, root, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) linksIn(item, root, found);
  }
  return found;
}

/** The objects embedded in an object (its files, agenda items, consultations, …), depth first. */
export function embeddedIn(object: Record<string, unknown>): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      const candidate = value as Record<string, unknown>;
      if (
        typeof candidate.type === 'string' &&
        candidate.type.startsWith('https://schema.oparl.org/')
      ) {
        found.push(candidate);
      }
      Object.values(candidate).forEach(walk);
    }
  };
  Object.values(object).forEach(walk);
  return found;
}
