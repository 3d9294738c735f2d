#!/usr/bin/env node
// Validates Kubernetes manifests against the Kubernetes API's schemas, offline:
//
//   node scripts/validate-manifests.mjs [dir …]      (default: deploy/kubernetes)
//
// Each object of each *.yaml file (but kustomization.yaml) is checked twice:
// 1. against the JSON schema of its kind and apiVersion from the Kubernetes OpenAPI definitions
//    (kubernetes-models, compiled with ajv): types, enums, required fields, formats;
// 2. for fields the API does not know (a `readinesProbe` the schema lets through, as the API
//    server's lenient decoding would drop it): the object as a TypeScript literal of the kind's
//    type from the same definitions, where an unknown property is an error.
// Prints one line per object, and every problem; exits 1 if there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const root = resolve(import.meta.dirname, '..');
const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['deploy/kubernetes'];

/** `kubernetes-models/<group path>/<Kind>` for an apiVersion and kind. */
function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
}

const objects = [];
const problems = [];
for (const dir of dirs) {
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name) || name.startsWith('kustomization.')) continue;
    const file = relative(process.cwd(), join(dir, name));
    for (const document of parseAllDocuments(readFileSync(join(dir, name), 'utf8'))) {
      if (document.errors.length > 0) {
        problems.push(`${file}: YAML: ${document.errors.map((e) => e.message).join('; ')}`);
        continue;
      }
      const object = document.toJS();
      if (object === null) continue;
      const label = `${file}: ${object?.kind ?? '?'}/${object?.metadata?.name ?? '?'}`;
      if (typeof object?.apiVersion !== 'string' || typeof object?.kind !== 'string') {
        problems.push(`${label}: no apiVersion or kind`);
        continue;
      }
      objects.push({ file, label, object, model: modelPath(object.apiVersion, object.kind) });
    }
  }
}

// 1. The schemas.
for (const entry of objects) {
  let Model;
  try {
    Model = (await import(entry.model))[entry.object.kind];
  } catch {
    problems.push(`${entry.label}: no schema for ${entry.object.apiVersion} ${entry.object.kind}`);
    entry.unknown = true;
    continue;
  }
  try {
    new Model(entry.object).validate();
  } catch (error) {
    problems.push(`${entry.label}: schema: ${String(error.message).replaceAll('\n', '; ')}`);
  }
}

// 2. Unknown fields, through the TypeScript types of the same definitions.
const known = objects.filter((entry) => !entry.unknown);
const source = known
  .map(
    (entry, index) =>
      `import type { I${entry.object.kind} as T${index} } from '${entry.model}';\n` +
      `export const object${index}: T${index} = ${JSON.stringify(entry.object, null, 1)};\n`,
  )
  .join('');
const fileName = join(root, '__manifests__.mts');
const options = {
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};
const host = ts.createCompilerHost(options);
const readFile = host.readFile.bind(host);
const getSourceFile = host.getSourceFile.bind(host);
host.readFile = (name) => (name === fileName ? source : readFile(name));
host.fileExists = (
  (exists) => (name) =>
    name === fileName || exists(name)
)(host.fileExists.bind(host));
host.getSourceFile = (name, languageVersion, ...rest) =>
  name === fileName
    ? ts.createSourceFile(name, source, languageVersion, true)
    : getSourceFile(name, languageVersion, ...rest);
const program = ts.createProgram([fileName], options, host);
for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '; ');
  if (diagnostic.file?.fileName !== fileName) {
    problems.push(`types: ${message}`);
    continue;
  }
  // Which object: the last `object<n>` declared before the error.
  const before = source.slice(0, diagnostic.start ?? 0);
  const index = Number([...before.matchAll(/export const object(\d+)/g)].at(-1)?.[1] ?? -1);
  problems.push(`${known[index]?.label ?? '?'}: ${message}`);
}

for (const entry of objects) console.log(`checked ${entry.label}`);
for (const problem of problems) console.log(`problem ${problem}`);
console.log(`manifests: ${objects.length} objects, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
