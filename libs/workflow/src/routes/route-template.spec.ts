import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRouteFile, RouteTemplateError } from './route-template';

const file = (steps: unknown[], extra: object = {}) => ({
  templates: { 'ett-arende': { title: 'Ett ärende', versions: [{ version: 1, steps }], ...extra } },
});

describe('route templates', () => {
  it('reads the default templates the issue asks for, each ending with its one authoritative decision', () => {
    const content = JSON.parse(
      readFileSync(join(__dirname, '../../../../config/routes/default.json'), 'utf8'),
    );
    const templates = parseRouteFile(content, 'default.json');
    const summary = Object.fromEntries(
      templates.map((template) => [
        template.key,
        template.steps.map((step) => `${step.organ}:${step.role}${step.authoritative ? '!' : ''}`),
      ]),
    );
    expect(summary).toEqual({
      'ks-arende': ['KSAPU:propose', 'KS:decide!'],
      'ks-arende-med-beredning': ['KS:prepare', 'KSAPU:propose', 'KS:decide!'],
      'kf-arende': ['KSAPU:propose', 'KS:propose', 'KF:decide!'],
      'ks-direkt': ['KS:decide!'],
      motion: ['KF:remit', 'KSAPU:propose', 'KS:propose', 'KF:decide!'],
      'utskott-beslut': ['KSAPU:decide!'],
    });
  });

  it.each([
    ['no deciding step', [{ organ: 'KS', role: 'propose' }], 'exactly one step must decide'],
    [
      'two deciding steps',
      [
        { organ: 'KS', role: 'decide', authoritative: true },
        { organ: 'KF', role: 'decide', authoritative: true },
      ],
      'exactly one step must decide',
    ],
    [
      'a decision before the end',
      [
        { organ: 'KS', role: 'decide', authoritative: true },
        { organ: 'KF', role: 'inform' },
      ],
      'the deciding step comes last',
    ],
    [
      'a deciding step not marked authoritative',
      [{ organ: 'KS', role: 'decide' }],
      'the deciding step, and only it, is authoritative',
    ],
    [
      'a remittance after the first step',
      [
        { organ: 'KS', role: 'propose' },
        { organ: 'KF', role: 'remit' },
        { organ: 'KF', role: 'decide', authoritative: true },
      ],
      'only the first step can remit',
    ],
    ['an unknown role', [{ organ: 'KS', role: 'approve' }], 'role: must be one of'],
    [
      'an unknown field',
      [{ organ: 'KS', role: 'decide', authoritative: true, quorum: 5 }],
      'unknown field "quorum"',
    ],
    ['no steps', [], 'a non-empty list of steps is required'],
  ])('refuses %s', (_label, steps, message) => {
    expect(() => parseRouteFile(file(steps), 'kalix.json')).toThrow(RouteTemplateError);
    expect(() => parseRouteFile(file(steps), 'kalix.json')).toThrow(message);
  });

  it('refuses versions that do not increase, and names every problem at once', () => {
    const content = {
      templates: {
        'Fel-Nyckel': { title: '', versions: [] },
        'ks-arende': {
          title: 'KS',
          versions: [
            { version: 2, steps: [{ organ: 'KS', role: 'decide', authoritative: true }] },
            { version: 1, steps: [{ organ: 'KS', role: 'decide', authoritative: true }] },
          ],
        },
      },
    };
    let message = '';
    try {
      parseRouteFile(content, 'kalix.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('Fel-Nyckel: a key is lower-case letters');
    expect(message).toContain('Fel-Nyckel.title: required');
    expect(message).toContain('ks-arende.versions[1].version: a whole number above');
  });
});
