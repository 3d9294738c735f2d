// @ts-check
'use strict';
const path = require('node:path');

/**
 * One door into each library: code reaches another library only through its `@nf/<name>` entry
 * (its index.ts), never by a path into its files, and an app never reaches into libs/ by path.
 * `@nf/<name>/…` (a deep import) is refused anywhere.
 */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Reach another library only through its @nf/<name> entry.' },
    messages: {
      deep: "'{{source}}' reaches into a library's files: import from its @nf/<name> entry.",
      across:
        "'{{source}}' reaches into libs/{{target}} by path: import it from its @nf/<name> entry.",
    },
    schema: [],
  },
  /** @param {import('eslint').Rule.RuleContext} context */
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const relativeFile = path.relative(root, file).split(path.sep);
    const ownLibrary = relativeFile[0] === 'libs' ? relativeFile[1] : undefined;
    /** @param {any} node */
    const check = (node) => {
      const source = node.source && node.source.value;
      if (typeof source !== 'string') return;
      if (/^@nf\/[^/]+\/.+/.test(source)) {
        context.report({ node: node.source, messageId: 'deep', data: { source } });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(file), source)).split(path.sep);
      if (target[0] !== 'libs') return;
      if (target[1] !== ownLibrary) {
        context.report({
          node: node.source,
          messageId: 'across',
          data: { source, target: target[1] },
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
};

module.exports = { rules: { 'library-boundaries': rule } };
