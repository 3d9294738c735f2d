import { loadConfig } from '@nf/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RouteCatalogue } from './route-catalogue';

const decide = (organ: string) => ({ organ, role: 'decide', authoritative: true });

function catalogueWith(files: Record<string, object>): RouteCatalogue {
  const dir = mkdtempSync(join(tmpdir(), 'nf-routes-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), JSON.stringify(content));
  }
  return new RouteCatalogue(loadConfig({}, { APP_ROUTES_DIR: dir }));
}

describe('RouteCatalogue', () => {
  const defaults = {
    templates: {
      'ks-direkt': { title: 'KS', versions: [{ version: 1, steps: [decide('KS')] }] },
      'kf-arende': {
        title: 'KF',
        versions: [
          { version: 1, steps: [{ organ: 'KS', role: 'propose' }, decide('KF')] },
          {
            version: 2,
            steps: [
              { organ: 'KSAPU', role: 'propose' },
              { organ: 'KS', role: 'propose' },
              decide('KF'),
            ],
          },
        ],
      },
    },
  };

  it('gives a municipality its own templates over the defaults, and the others the defaults', () => {
    const catalogue = catalogueWith({
      'default.json': defaults,
      'lulea.json': {
        templates: {
          'ks-direkt': {
            title: 'Luleå: KSAU först',
            versions: [{ version: 1, steps: [{ organ: 'KSAU', role: 'propose' }, decide('KS')] }],
          },
        },
      },
    });
    expect(catalogue.newest('lulea', 'ks-direkt').steps.map((step) => step.organ)).toEqual([
      'KSAU',
      'KS',
    ]);
    expect(catalogue.newest('kalix', 'ks-direkt').steps.map((step) => step.organ)).toEqual(['KS']);
    expect(
      catalogue
        .current('lulea')
        .map((template) => template.key)
        .sort(),
    ).toEqual(['kf-arende', 'ks-direkt']);
  });

  it('starts new cases on the newest version and still knows the older ones', () => {
    const catalogue = catalogueWith({ 'default.json': defaults });
    expect(catalogue.newest('kalix', 'kf-arende').version).toBe(2);
    expect(catalogue.version('kalix', 'kf-arende', 1)?.steps).toHaveLength(2);
    expect(() => catalogue.newest('kalix', 'okand')).toThrow('No route template "okand"');
  });

  it('refuses a directory without default.json, or a file that is not JSON', () => {
    expect(() => catalogueWith({ 'kalix.json': defaults })).toThrow('has no default.json');
    const dir = mkdtempSync(join(tmpdir(), 'nf-routes-'));
    writeFileSync(join(dir, 'default.json'), '{ "templates": ');
    expect(() => new RouteCatalogue(loadConfig({}, { APP_ROUTES_DIR: dir }))).toThrow(
      'default.json: not valid JSON',
    );
  });
});
