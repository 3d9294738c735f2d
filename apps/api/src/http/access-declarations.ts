import { Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule, describeAccessRule } from '@nf/access';
import { DeclaredResponse, RESPONSE_METADATA } from '@nf/common';

export interface DeclaredRoute {
  method: string;
  path: string;
  /** The rule as text: `public`, `operator`, `authenticated` or `permission:<name>`. */
  access: string | undefined;
  rule: AccessRule | undefined;
  /** The declared response contract (`@Returns`). */
  response: DeclaredResponse | undefined;
  /** The status a success answers with (`@HttpCode`, else 201 for POST and 200 otherwise). */
  status: number;
  handler: string;
}

/**
 * Lists every route with its access rule and its response contract; the api refuses to start if
 * a route lacks either.
 */
@Injectable()
export class AccessDeclarations implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const routes = this.routes();
    const list = (missing: DeclaredRoute[]) =>
      missing.map((r) => `${r.method} ${r.path} (${r.handler})`).join('\n  - ');
    const unguarded = routes.filter((route) => route.access === undefined);
    if (unguarded.length > 0) {
      throw new Error(`Routes without an @Access rule:\n  - ${list(unguarded)}`);
    }
    const undeclared = routes.filter((route) => route.response === undefined);
    if (undeclared.length > 0) {
      throw new Error(`Routes without a declared response (@Returns):\n  - ${list(undeclared)}`);
    }
    const mismatched = routes.filter((route) => route.response!.status !== route.status);
    if (mismatched.length > 0) {
      throw new Error(`Routes whose @Returns status is not the one sent:\n  - ${list(mismatched)}`);
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
          response: this.reflector.get<DeclaredResponse | undefined>(RESPONSE_METADATA, handler),
          status:
            this.reflector.get<number | undefined>(HTTP_CODE_METADATA, handler) ??
            (method === 'POST' ? 201 : 200),
          handler: `${controller.name}.${name}`,
        });
      }
    }
    return routes;
  }
}
