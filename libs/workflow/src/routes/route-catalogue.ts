import { Injectable } from '@nestjs/common';
import { AppConfig, readJsonDirectory } from '@nf/config';
import { NotFoundProblem } from '@nf/common';
import { parseRouteFile, RouteTemplate, RouteTemplateError } from './route-template';

const DEFAULTS = 'default';

/**
 * The route templates of every municipality: `default.json`, and `<slug>.json` whose templates
 * replace the default ones of the same key for that municipality. Read and validated once at start;
 * a wrong file stops the process with every problem listed.
 */
@Injectable()
export class RouteCatalogue {
  private readonly bySource = new Map<string, Map<string, RouteTemplate[]>>();

  constructor(config: AppConfig) {
    const files = readJsonDirectory(
      config.workflow.routesDir,
      'route templates',
      (message) => new RouteTemplateError(message),
    );
    for (const [name, { file, content }] of files) {
      const byKey = new Map<string, RouteTemplate[]>();
      for (const template of parseRouteFile(content, file)) {
        byKey.set(template.key, [...(byKey.get(template.key) ?? []), template]);
      }
      this.bySource.set(name, byKey);
    }
  }

  /**
   * Reads and validates the route files, throwing on a wrong one. The apps call it as they define
   * their modules, so that a wrong file stops the process before it opens any connection (Nest
   * builds providers side by side, and a pool opening beside a failing constructor is left open).
   */
  static check(config: AppConfig): void {
    new RouteCatalogue(config);
  }

  private templatesOf(slug: string): Map<string, RouteTemplate[]> {
    return new Map([...this.bySource.get(DEFAULTS)!, ...(this.bySource.get(slug) ?? new Map())]);
  }

  /** The current (newest) version of each template the municipality has. */
  current(slug: string): RouteTemplate[] {
    return [...this.templatesOf(slug).values()].map((versions) => versions.at(-1)!);
  }

  /** A template's newest version, for a new route. */
  newest(slug: string, key: string): RouteTemplate {
    const versions = this.templatesOf(slug).get(key);
    if (!versions) throw new NotFoundProblem('route template', key);
    return versions.at(-1)!;
  }

  /** A given version, for a case that started on it (undefined if the file no longer has it). */
  version(slug: string, key: string, version: number): RouteTemplate | undefined {
    return this.templatesOf(slug)
      .get(key)
      ?.find((template) => template.version === version);
  }
}
