import { Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule, describeAccessRule } from '@nf/access';

export interface DeclaredRoute {
  method: string;
  path: string;
  /** The rule as text: `public`, `operator`, `authenticated` or `permission:<name>`. */
  access: string | undefined;
  rule: AccessRule | undefined;
  handler: string;
}

/** Lists every route with its access rule; the api refuses to start if one has none. */
@Injectable()
export class AccessDeclarations implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared = this.routes().filter((route) => route.access === undefined);
    if (undeclared.length > 0) {
      throw new Error(
        `Routes without an @Access rule:\n  - ${undeclared.map((r) => `${r.method} ${r.path} (${r.handler})`).join('\n  - ')}`,
      );
    }
  }

  routes(): DeclaredRoute[] {
    const routes: DeclaredRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      const controller = instance.constructor;
      const base = String(this.reflector.get<string>(PATH_METADATA, controller) ?? '');
      for (const name of this.scanner.getAllMethodNames(
        Object.getPrototypeOf(instance) as object,
      )) {
        const handler = instance[name] as () => unknown;
        const path = this.reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[this.reflector.get<RequestMethod>(METHOD_METADATA, handler)];
        const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
          handler,
          controller,
        ]);
        routes.push({
          method,
          path: `/${[base, ...[path].flat()].filter((p) => p && p !== '/').join('/')}`.replace(
            /\/+/g,
            '/',
          ),
          access: describeAccessRule(rule),
          rule,
          handler: `${controller.name}.${name}`,
        });
      }
    }
    return routes;
  }
}
