import { loadConfig } from '@nf/config';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const MANIFESTS = join(ROOT, 'deploy', 'kubernetes');

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

function validate(dir: string) {
  const run = spawnSync(process.execPath, ['scripts/validate-manifests.mjs', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

function manifests(): Manifest[] {
  return readdirSync(MANIFESTS)
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap((name) =>
      parseAllDocuments(readFileSync(join(MANIFESTS, name), 'utf8')).map(
        (document) => document.toJS() as Manifest,
      ),
    );
}

const one = (kind: string, name: string) =>
  manifests().find((object) => object.kind === kind && object.metadata.name === name)!;

describe('the Kubernetes manifests (deploy/kubernetes)', () => {
  it('validate against the Kubernetes schemas, with no field the API does not know', () => {
    const { code, output } = validate('deploy/kubernetes');
    expect(output).toContain('manifests: 12 objects, 0 problems');
    expect(code).toBe(0);
    for (const object of [
      'Deployment/namndflode-api',
      'Deployment/namndflode-worker',
      'Service/namndflode-api',
      'PodDisruptionBudget/namndflode-api',
      'PodDisruptionBudget/namndflode-worker',
      'HorizontalPodAutoscaler/namndflode-api',
      'HorizontalPodAutoscaler/namndflode-worker',
      'Job/namndflode-migrate',
    ]) {
      expect(output).toContain(`: ${object}\n`);
    }
  });

  it('refuses a wrong type, a field the API does not know and a kind it has no schema for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-manifests-'));
    try {
      const deployment = (name: string, container: string) =>
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          `metadata: { name: ${name} }`,
          'spec:',
          '  selector: { matchLabels: { app: x } }',
          '  template:',
          '    metadata: { labels: { app: x } }',
          '    spec:',
          '      containers:',
          `        - { name: c, image: i, ${container} }`,
        ].join('\n');
      writeFileSync(
        join(dir, 'broken.yaml'),
        [
          deployment('wrong-type', 'ports: [{ containerPort: http }]'),
          deployment('typo', 'readinesProbe: { httpGet: { path: /, port: 3000 } }'),
          'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: pdb }\nspec: { minAvailabel: 1 }',
          'apiVersion: example.com/v9\nkind: Thing\nmetadata: { name: x }',
        ].join('\n---\n'),
      );
      const { code, output } = validate(dir);
      expect(code).toBe(1);
      expect(output).toContain(
        'Deployment/wrong-type: schema: data/spec/template/spec/containers/0/ports/0/containerPort must be integer',
      );
      expect(output).toMatch(/Deployment\/typo: .*'"readinesProbe"' does not exist/);
      expect(output).toMatch(/PodDisruptionBudget\/pdb: .*'"minAvailabel"' does not exist/);
      expect(output).toContain('Thing/x: no schema for example.com/v9 Thing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('run the api and the worker with probes, graceful termination, budgets and autoscalers', () => {
    const config = one('ConfigMap', 'namndflode-config').data!;
    for (const name of ['namndflode-api', 'namndflode-worker']) {
      const deployment = one('Deployment', name);
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      const portNames = container.ports.map((port: { name: string }) => port.name);
      expect(container.readinessProbe.httpGet).toMatchObject({ path: '/health/ready' });
      expect(container.livenessProbe.httpGet).toMatchObject({ path: '/health/live' });
      expect(portNames).toContain(container.readinessProbe.httpGet.port);
      expect(portNames).toContain(container.livenessProbe.httpGet.port);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
      // The files directory is one volume that every api and worker pod mounts.
      expect(container.volumeMounts).toContainEqual({ name: 'files', mountPath: config.FILES_DIR });
      expect(pod.volumes).toContainEqual({
        name: 'files',
        persistentVolumeClaim: { claimName: 'namndflode-files' },
      });
      const labels = deployment.spec.template.metadata.labels;
      expect(one('PodDisruptionBudget', name).spec).toEqual({
        minAvailable: 1,
        selector: { matchLabels: deployment.spec.selector.matchLabels },
      });
      expect(labels).toMatchObject(deployment.spec.selector.matchLabels);
      const hpa = one('HorizontalPodAutoscaler', name).spec;
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.metrics).toEqual([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ]);
      // The HPA's CPU utilisation needs a request to measure against.
      expect(container.resources.requests.cpu).toBeDefined();
    }
    const api = one('Deployment', 'namndflode-api').spec.template.spec.containers[0];
    expect(api.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
    expect(api.ports[0].containerPort).toBe(Number(config.APP_PORT));
    const worker = one('Deployment', 'namndflode-worker').spec.template.spec.containers[0];
    expect(worker.ports[0].containerPort).toBe(Number(config.WORKER_HEALTH_PORT));
  });

  it('configure only variables the system reads, with values it accepts', () => {
    const config = one('ConfigMap', 'namndflode-config').data!;
    const secrets = one('Secret', 'namndflode-secrets').stringData!;
    const loaded = loadConfig({ ...config, ...secrets });
    expect(loaded.app.runMigrations).toBe(false);
    expect(loaded.redis.sentinel?.nodes).toHaveLength(3);
    expect(loaded.worker.healthPort).toBe(3001);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<
      string,
      { image?: string; environment?: Record<string, string>; volumes?: string[] }
    >;
  };
  /** `${NAME:-default}` as Compose reads it with nothing set. */
  const withDefaults = (environment: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(environment).map(([key, value]) => [
        key,
        String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
      ]),
    );

  it('gives each of its Nämndflöde services variables the system reads', () => {
    const ours = Object.entries(compose.services).filter(
      ([, service]) => service.image === 'namndflode:local',
    );
    expect(ours.map(([name]) => name).sort()).toEqual(['api', 'db-setup', 'migrate', 'worker']);
    for (const [, service] of ours) {
      expect(() => loadConfig(withDefaults(service.environment ?? {}))).not.toThrow();
    }
  });

  it('mounts the one files volume in the api and the worker', () => {
    expect(compose.services.api.volumes).toContain('files-data:/data/files');
    expect(compose.services.worker.volumes).toContain('files-data:/data/files');
    expect(withDefaults(compose.services.worker.environment ?? {}).FILES_DIR).toBe('/data/files');
  });
});
