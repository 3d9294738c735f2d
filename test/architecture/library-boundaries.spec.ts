import { join } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// The rule `npm run lint` applies (eslint.config.mjs), on planted files.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const boundaries = require('../../eslint-rules/library-boundaries.cjs');

const ROOT = join(__dirname, '..', '..');
const linter = new Linter({ cwd: ROOT });

function lint(file: string, text: string): string[] {
  return linter
    .verify(
      text,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser as Linter.Parser },
          plugins: { nf: boundaries },
          rules: { 'nf/library-boundaries': 'error' },
        },
      ],
      join(ROOT, file),
    )
    .map((message) => `${message.line}: ${message.message}`);
}

describe('the import boundary between libraries (lint)', () => {
  it('refuses a path into another library, from a library or an app', () => {
    expect(
      lint(
        'libs/meetings/src/agenda/planted.ts',
        "import { RouteStep } from '../../../workflow/src/routes/route.entities';",
      ),
    ).toEqual([
      "1: '../../../workflow/src/routes/route.entities' reaches into libs/workflow by path: import it from its @nf/<name> entry.",
    ]);
    expect(
      lint(
        'apps/api/src/planted.ts',
        "export { Case } from '../../../libs/registry/src/cases/case.entity';",
      ),
    ).toHaveLength(1);
  });

  it("refuses a deep import through a library's name", () => {
    expect(
      lint(
        'libs/followups/src/planted.ts',
        "import { Case } from '@nf/registry/src/cases/case.entity';",
      ),
    ).toEqual([
      "1: '@nf/registry/src/cases/case.entity' reaches into a library's files: import from its @nf/<name> entry.",
    ]);
  });

  it('lets a library import its own files and other libraries by their entry', () => {
    expect(
      lint(
        'libs/meetings/src/agenda/planted.ts',
        [
          "import { Meeting } from '../meeting.entities';",
          "import { RouteQueries } from '@nf/workflow';",
          "import { WorkflowJobsModule } from '@nf/workflow-jobs';",
          "import { pdfText } from '../../../../test/support/pdf-text';",
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
