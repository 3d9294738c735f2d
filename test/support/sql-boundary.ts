import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Reads a library's source as TypeScript and finds every table it touches: tables named in SQL
 * strings (FROM, JOIN, UPDATE, INTO) and entity classes passed to TypeORM (repositories, query
 * builders, the entity manager). A table the library does not own, or a tenant table queried
 * without `municipality_id`, is a finding. Pure: the architecture test feeds it the real sources,
 * and its own test feeds it planted ones.
 */

export interface Finding {
  file: string;
  line: number;
  table: string;
  problem: 'foreign-table' | 'no-tenant-condition' | 'unknown-table';
  excerpt: string;
}

export interface Schema {
  /** table → owning library */
  owners: Readonly<Record<string, string>>;
  /** tables whose every row belongs to one municipality (`municipality_id NOT NULL`) */
  tenantTables: ReadonlySet<string>;
  /** entity class name → table */
  entities: ReadonlyMap<string, string>;
}

const SQL_STATEMENT = /^\s*\(?\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH)\b/;
// `ON DUPLICATE KEY UPDATE column` names a column, not a table.
const SQL_TABLE = /\b(?:FROM|JOIN|(?<!KEY )UPDATE|INTO)\s+`?([a-z_][a-z0-9_]*)`?/g;
const SQL_INSERT = /^\s*(INSERT|REPLACE)\b/;
const TENANT_CONDITION = /municipality_?[iI]d/;

/**
 * TypeORM calls whose first argument, when it is an entity class, is the table they touch.
 * Writes of a whole entity (`save`, `insert` of objects built with their municipalityId) carry the
 * tenant in the row; reads, updates and deletes by condition must name it.
 */
const ENTITY_CALLS = new Set([
  'getRepository',
  'InjectRepository',
  'createQueryBuilder',
  'find',
  'findOne',
  'findBy',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findAndCount',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'sum',
  'maximum',
  'minimum',
  'update',
  'delete',
  'softDelete',
  'increment',
  'decrement',
  'insert',
  'save',
  'create',
  'upsert',
  'remove',
  'from',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'into',
]);
const TENANT_FREE_CALLS = new Set([
  'getRepository',
  'InjectRepository',
  'insert',
  'save',
  'create',
  'upsert',
  'remove',
  'into',
]);

/** The tables of the migrations, and which of them are tenant tables (municipality_id NOT NULL). */
export function schemaFromMigrations(
  migrationsDir: string,
  owners: Readonly<Record<string, string>>,
  entities: ReadonlyMap<string, string>,
): Schema & { created: string[] } {
  const tenantTables = new Set<string>();
  const created: string[] = [];
  for (const file of readdirSync(migrationsDir).filter((name) => name.endsWith('.ts'))) {
    // What a migration's `up` does (its `down` undoes it).
    const text = readFileSync(join(migrationsDir, file), 'utf8').split(/async down\(/)[0];
    for (const match of text.matchAll(
      /CREATE TABLE\s+`?([a-z_]+)`?\s*\(([\s\S]*?)\)\s*(?:\$\{|ENGINE)/g,
    )) {
      created.push(match[1]);
      // A tenant table: every row belongs to one municipality. The outbox and the audit log hold
      // rows of the system too (municipality_id NULL); their jobs read across tenants by design.
      if (/\bmunicipality_id\s[^,]*\bNOT NULL\b/.test(match[2])) tenantTables.add(match[1]);
    }
    for (const match of text.matchAll(
      /ALTER TABLE\s+`?([a-z_]+)`?\s+ADD[^;`]*\bmunicipality_id\b/g,
    ))
      tenantTables.add(match[1]);
    for (const rename of text.matchAll(/RENAME TABLE\s+([^;'`]+)/g)) {
      for (const pair of rename[1].matchAll(/([a-z_]+)\s+TO\s+([a-z_]+)/g)) {
        const [, from, to] = pair;
        const at = created.indexOf(from);
        if (at < 0) throw new Error(`${file} renames ${from}, which no earlier migration creates`);
        created.splice(at, 1, to);
        if (tenantTables.delete(from)) tenantTables.add(to);
      }
    }
  }
  return { owners, tenantTables, entities, created };
}

/** Entity class name → table, from `@Entity({ name: '…' }) export class X` in the given files. */
export function entityTables(files: Iterable<{ text: string }>): Map<string, string> {
  const entities = new Map<string, string>();
  for (const { text } of files) {
    for (const match of text.matchAll(
      /@Entity\(\{\s*name:\s*'([a-z_]+)'[^)]*\)\s*(?:@[^\n]*\n\s*)*export class (\w+)/g,
    ))
      entities.set(match[2], match[1]);
  }
  return entities;
}

/** The text of a string expression, with `?` for interpolations; `undefined` for anything else. */
function stringText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((span) => `?${span.literal.text}`).join('');
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = stringText(node.left);
    const right = stringText(node.right);
    if (left !== undefined || right !== undefined) return `${left ?? '?'}${right ?? '?'}`;
  }
  if (ts.isParenthesizedExpression(node)) return stringText(node.expression);
  return undefined;
}

/** The statement (or property initialiser) a node belongs to: the reach of one query's text. */
function enclosingStatement(node: ts.Node): ts.Node {
  let current = node;
  while (
    current.parent &&
    !ts.isStatement(current) &&
    !ts.isPropertyDeclaration(current) &&
    !ts.isSourceFile(current.parent)
  )
    current = current.parent;
  return current;
}

/**
 * The text a TypeORM call's condition is made of: its statement, and the initialisers of the
 * local variables it names (`where: scope`, with `scope` built a few lines above).
 */
function queryScopeText(node: ts.Node, source: ts.SourceFile): string {
  const statement = enclosingStatement(node);
  let body: ts.Node = node;
  while (body.parent && !ts.isFunctionLike(body)) body = body.parent;
  const locals = new Map<string, string>();
  const collect = (candidate: ts.Node): void => {
    if (
      ts.isVariableDeclaration(candidate) &&
      ts.isIdentifier(candidate.name) &&
      candidate.initializer
    )
      locals.set(candidate.name.text, candidate.initializer.getText(source));
    ts.forEachChild(candidate, collect);
  };
  collect(body);
  const named: string[] = [];
  const gather = (candidate: ts.Node): void => {
    if (ts.isIdentifier(candidate) && locals.has(candidate.text))
      named.push(locals.get(candidate.text)!);
    ts.forEachChild(candidate, gather);
  };
  gather(node);
  return [statement.getText(source), ...named].join('\n');
}

function calleeName(call: ts.CallExpression | ts.Decorator): string | undefined {
  const expression = ts.isDecorator(call) ? call.expression : call.expression;
  const target = ts.isCallExpression(expression) ? expression.expression : expression;
  if (ts.isIdentifier(target)) return target.text;
  if (ts.isPropertyAccessExpression(target)) return target.name.text;
  return undefined;
}

export function scanSource(library: string, file: string, text: string, schema: Schema): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const report = (node: ts.Node, table: string, problem: Finding['problem']) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const excerpt = node.getText(source).replace(/\s+/g, ' ').slice(0, 120);
    findings.push({ file, line, table, problem, excerpt });
  };
  const check = (node: ts.Node, table: string, scopeText: string, needsTenant: boolean) => {
    const owner = schema.owners[table];
    if (owner === undefined) report(node, table, 'unknown-table');
    else if (owner !== library) report(node, table, 'foreign-table');
    else if (needsTenant && schema.tenantTables.has(table) && !TENANT_CONDITION.test(scopeText))
      report(node, table, 'no-tenant-condition');
  };

  const visit = (node: ts.Node): void => {
    const sql = stringText(node);
    if (sql !== undefined && SQL_STATEMENT.test(sql)) {
      // An INSERT carries the tenant in its row: the column is NOT NULL, so the database refuses
      // a row without it.
      const needsTenant = !SQL_INSERT.test(sql);
      for (const [, table] of sql.matchAll(SQL_TABLE)) check(node, table, sql, needsTenant);
      return; // the parts of a concatenation are not queries of their own
    }
    if (ts.isCallExpression(node) || ts.isDecorator(node)) {
      const name = calleeName(node);
      const call = ts.isDecorator(node) ? (node.expression as ts.CallExpression) : node;
      const first = ts.isCallExpression(call) ? call.arguments[0] : undefined;
      if (name && ENTITY_CALLS.has(name) && first) {
        let table: string | undefined;
        if (ts.isIdentifier(first)) table = schema.entities.get(first.text);
        else if (
          (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) &&
          ['from', 'innerJoin', 'leftJoin', 'into', 'update', 'createQueryBuilder'].includes(
            name,
          ) &&
          /^[a-z_]+$/.test(first.text) &&
          first.text in schema.owners
        )
          table = first.text;
        if (table) check(node, table, queryScopeText(node, source), !TENANT_FREE_CALLS.has(name));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

export interface LibrarySource {
  library: string;
  file: string;
  text: string;
}

/** Every non-test TypeScript file under libs/<library>/src, migrations left out. */
export function librarySources(root: string): LibrarySource[] {
  const sources: LibrarySource[] = [];
  const walk = (library: string, dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'migrations') walk(library, path);
      } else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name))
        sources.push({ library, file: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  const libs = join(root, 'libs');
  for (const library of readdirSync(libs)) walk(library, join(libs, library, 'src'));
  return sources;
}

/** A finding without its line number, so that the list of known ones survives edits around it. */
export function findingKey(finding: Finding): string {
  return `${finding.problem} ${finding.table} ${finding.file} ${finding.excerpt}`;
}
