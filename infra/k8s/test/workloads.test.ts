import fs from 'node:fs';
import path from 'node:path';
import { loadBase, findObject, objectsOfKind, repoRoot, selects, workloads, type K8sObject } from './manifests';
import { PostsConfigSchema } from '../../../services/posts/src/config';
import { CommentsConfigSchema } from '../../../services/comments/src/config';
import { QueryConfigSchema } from '../../../services/query/src/config';
import { ModerationConfigSchema } from '../../../services/moderation/src/config';
import { BusConfigSchema } from '../../../services/event-bus/src/config';
import { clientConfigSchema } from '../../../client/server/config';

const objects = loadBase();
const pods = workloads(objects);
const services = objectsOfKind(objects, 'Service');
const configMap = findObject(objects, 'ConfigMap', 'blog-config');

/** The services' own config schemas: what each process reads from its environment. */
const configSchemas = {
  posts: PostsConfigSchema,
  comments: CommentsConfigSchema,
  query: QueryConfigSchema,
  moderation: ModerationConfigSchema,
  'event-bus': BusConfigSchema,
  client: clientConfigSchema,
};
const coursePorts = { posts: 4000, comments: 4001, query: 4002, moderation: 4003, 'event-bus': 4005, client: 3000 };
/** How long a service may take to drain after SIGTERM (service-kit's serve(): drainTimeoutMs). */
const serviceDrainSeconds = 8;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Container = any;
const containersOf = (workload: K8sObject): Container[] => workload.spec.template.spec.containers;
const everyContainer = pods.flatMap((workload) => containersOf(workload).map((container) => [`${workload.kind} ${workload.metadata.name}`, workload, container] as const));

/** A Kubernetes memory quantity (`256Mi`, `1Gi`) in MiB. */
function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

/** The environment a container gets, with ConfigMap references resolved. */
function resolvedEnvironment(container: Container): Record<string, string> {
  return Object.fromEntries(
    (container.env ?? []).map((variable: Container) => {
      if (variable.value !== undefined) return [variable.name, variable.value];
      const reference = variable.valueFrom.configMapKeyRef;
      if (reference.name !== configMap.metadata.name) throw new Error(`${variable.name} reads the unknown ConfigMap ${reference.name}`);
      const value = configMap.data?.[reference.key];
      if (value === undefined) throw new Error(`${variable.name} reads the missing key ${reference.key}`);
      return [variable.name, value];
    }),
  );
}

describe('infra/k8s workloads', () => {
  test('the workloads, when listed, are the five services and the client, the bus alone a StatefulSet', () => {
    // Arrange and Act
    const kinds = Object.fromEntries(pods.map((workload) => [workload.metadata.name, workload.kind]));
    // Assert
    expect(kinds).toEqual({
      'event-bus': 'StatefulSet',
      posts: 'Deployment',
      comments: 'Deployment',
      query: 'Deployment',
      moderation: 'Deployment',
      client: 'Deployment',
    });
  });

  test.each(everyContainer)('%s, when its container is inspected, is hardened', (_name, workload, container) => {
    // Arrange
    const pod = workload.spec.template.spec;
    // Act and Assert: the pod-level settings the "restricted" Pod Security Standard needs, and more.
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.hostNetwork ?? false).toBe(false);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    // A pinned tag: the image is `blog/<name>:<semver>`, never latest and never untagged.
    expect(container.image).toMatch(new RegExp(`^blog/${workload.metadata.name}:\\d+\\.\\d+\\.\\d+$`));
    // /tmp is writable scratch space on an emptyDir, the only writable path besides the bus's data.
    const tmpMount = container.volumeMounts.find((mount: Container) => mount.mountPath === '/tmp');
    expect(pod.volumes.find((volume: Container) => volume.name === tmpMount?.name)?.emptyDir).toBeDefined();
  });

  test.each(everyContainer)('%s, when its heap grows to the cap its image sets, stays under its memory limit', (_name, workload, container) => {
    // Arrange: the image's NODE_OPTIONS (unless the manifest overrides them) and the container's limit
    const dockerfile = workload.metadata.name === 'client' ? 'client/Dockerfile' : `services/${workload.metadata.name}/Dockerfile`;
    const fromImage = /NODE_OPTIONS="([^"]*)"/.exec(fs.readFileSync(path.join(repoRoot, dockerfile), 'utf8'))?.[1];
    const nodeOptions: string = resolvedEnvironment(container).NODE_OPTIONS ?? fromImage ?? '';
    const flag = (name: string) => Number(new RegExp(`--${name}=(\\d+)`).exec(nodeOptions)?.[1]);
    // Act: V8's old space, plus its young generation (three semi-spaces), plus what Node needs beside
    // its heap: the binary's mapped pages, libraries and buffers, 60–90 MB in `npm run bench -- --only memory`
    const worstCaseMi = flag('max-old-space-size') + 3 * flag('max-semi-space-size') + 96;
    // Assert
    expect(worstCaseMi).toBeLessThanOrEqual(mebibytes(container.resources.limits.memory));
  });

  test.each(everyContainer)('%s, when it stops, has the grace period its preStop pause and drain need', (_name, workload, container) => {
    // Arrange
    const preStopSeconds = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
    // Act
    const grace = workload.spec.template.spec.terminationGracePeriodSeconds;
    // Assert: SIGKILL comes `grace` seconds after the preStop hook starts.
    expect(preStopSeconds).toBeGreaterThan(0);
    expect(grace).toBeGreaterThanOrEqual(preStopSeconds + serviceDrainSeconds + 1);
    expect(grace).toBeLessThanOrEqual(30);
  });

  test.each(everyContainer)('%s, when probed, uses /readyz for readiness and /healthz for liveness on its declared port', (_name, workload, container) => {
    // Arrange
    const declared = container.ports.map((port: Container) => port.name);
    // Act and Assert
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) expect(declared).toContain(probe.httpGet.port);
    expect(container.ports).toEqual([{ name: 'http', containerPort: coursePorts[workload.metadata.name as keyof typeof coursePorts], protocol: 'TCP' }]);
  });

  test.each(everyContainer)('%s, when its environment is resolved from the ConfigMap, is a configuration its service accepts', (_name, workload, container) => {
    // Arrange
    const schema = configSchemas[workload.metadata.name as keyof typeof configSchemas];
    const environment = resolvedEnvironment(container);
    // Act
    const parsed = schema.safeParse(environment);
    // Assert: every variable is one the service reads (a typo would be silently ignored), the whole parses, and PORT is the container port.
    expect(Object.keys(environment).filter((name) => !(name in schema.shape))).toEqual([]);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(Number(environment.PORT)).toBe(container.ports[0].containerPort);
  });

  test('the ConfigMap, when it names services, uses their Service names and ports (cluster DNS)', () => {
    // Arrange
    const servicePorts = new Map(services.map((service) => [service.metadata.name, service.spec.ports.map((port: Container) => port.port)]));
    const urls = Object.entries(configMap.data ?? {}).filter(([key]) => key.endsWith('_URL'));
    // Act and Assert
    expect(urls.length).toBeGreaterThan(0);
    for (const [key, value] of urls) {
      const url = new URL(value);
      expect(`${key} → ${url.hostname}:${servicePorts.get(url.hostname)?.includes(Number(url.port))}`).toBe(`${key} → ${url.hostname}:true`);
    }
    expect(configMap.data?.COMMENTS_SUBSCRIBER_URL).toBe('http://comments:4001/events');
    expect(configMap.data?.MODERATION_SUBSCRIBER_URL).toBe('http://moderation:4003/events');
  });

  test.each(services.map((service) => [service.metadata.name, service] as const))(
    'Service %s, when it selects pods, selects exactly one workload and targets a port its container declares',
    (_name, service) => {
      // Arrange
      const selected = pods.filter((workload) => selects(service.spec.selector, workload.spec.template.metadata.labels));
      // Act and Assert
      expect(service.spec.type).toBe('ClusterIP');
      expect(selected.map((workload) => workload.metadata.name)).toEqual([service.metadata.name]);
      const declared = containersOf(selected[0]!).flatMap((container) => container.ports);
      for (const port of service.spec.ports) {
        const target = declared.find((declaredPort: Container) => declaredPort.name === port.targetPort || declaredPort.containerPort === port.targetPort);
        expect(`${port.name} → ${target?.containerPort}`).toBe(`${port.name} → ${port.port}`);
      }
    },
  );

  test.each(pods.map((workload) => [workload.metadata.name, workload] as const))(
    '%s, when its selector is compared with its pod template, selects its own pods',
    (_name, workload) => {
      // Arrange and Act
      const ownPods = selects(workload.spec.selector.matchLabels, workload.spec.template.metadata.labels);
      // Assert
      expect(ownPods).toBe(true);
      expect(workload.spec.template.metadata.labels['app.kubernetes.io/part-of']).toBe('blog');
    },
  );

  test('the event bus, when deployed, is one replica with its data on a claim mounted at DATA_DIR, writable by the node user', () => {
    // Arrange
    const bus = findObject(objects, 'StatefulSet', 'event-bus');
    const container = containersOf(bus)[0];
    const claim = bus.spec.volumeClaimTemplates[0];
    // Act
    const dataMount = container.volumeMounts.find((mount: Container) => mount.name === claim.metadata.name);
    // Assert
    expect(bus.spec.replicas).toBe(1);
    expect(bus.spec.serviceName).toBe('event-bus');
    expect(dataMount.mountPath).toBe(resolvedEnvironment(container).DATA_DIR);
    expect(claim.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(bus.spec.template.spec.securityContext.fsGroup).toBe(1000);
    expect(bus.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  test('comments, when scaled, is the autoscaler\'s (two or more replicas) and protected by a disruption budget', () => {
    // Arrange
    const deployment = findObject(objects, 'Deployment', 'comments');
    const autoscaler = findObject(objects, 'HorizontalPodAutoscaler', 'comments');
    const budget = findObject(objects, 'PodDisruptionBudget', 'comments');
    // Act and Assert
    expect(deployment.spec.replicas).toBeUndefined();
    expect(autoscaler.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'comments' });
    expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(autoscaler.spec.maxReplicas).toBeGreaterThan(autoscaler.spec.minReplicas);
    expect(budget.spec.maxUnavailable).toBe(1);
    expect(selects(budget.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    // Every container has a CPU request, which a CPU-utilization target needs.
    expect(containersOf(deployment)[0].resources.requests.cpu).toBeDefined();
  });

  test('the Namespace, when pods are admitted, enforces the restricted Pod Security Standard', () => {
    // Arrange and Act
    const namespace = findObject(objects, 'Namespace', 'blog');
    // Assert
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });
});
