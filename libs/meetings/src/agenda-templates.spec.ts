import { AppConfig } from '@nf/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgendaTemplateError, AgendaTemplates, MOTION_REPORT_TITLE } from './agenda-templates';

function templates(files: Record<string, unknown>): AgendaTemplates {
  const dir = mkdtempSync(join(tmpdir(), 'agenda-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(content));
  }
  return new AgendaTemplates({ meetings: { agendaDir: dir } } as unknown as AppConfig);
}

const DEFAULT = { standingItems: { '*': [{ kind: 'standing', title: 'Upprop' }] } };

describe('the twice-yearly list of undecided motions (a local rule)', () => {
  it('is off unless a municipality names the months', () => {
    const plain = templates({ default: DEFAULT });
    expect(plain.standingItems('kalix', 'KF', 4).map((item) => item.kind)).toEqual(['standing']);
  });

  it('puts the motion report on KF’s meetings in the months the rule names, and only there', () => {
    const local = templates({
      default: DEFAULT,
      kalix: { ...DEFAULT, motionListMonths: { KF: [4, 10] } },
    });
    expect(local.standingItems('kalix', 'KF', 4)).toEqual([
      { kind: 'standing', title: 'Upprop' },
      { kind: 'motion-report', title: MOTION_REPORT_TITLE },
    ]);
    expect(local.standingItems('kalix', 'KF', 5)).toHaveLength(1);
    expect(local.standingItems('kalix', 'KS', 4)).toHaveLength(1);
    expect(local.standingItems('lulea', 'KF', 4)).toHaveLength(1);
  });

  it('refuses a month that is not one', () => {
    expect(() => templates({ default: { ...DEFAULT, motionListMonths: { KF: [13] } } })).toThrow(
      AgendaTemplateError,
    );
  });
});
