import fs from 'node:fs';
import path from 'node:path';
import { ingressNginxLocations, routeFor } from './ingress-nginx-routing';
import { findObject, loadBase, objectsOfKind, repoRoot, workloads, type K8sObject } from './manifests';

interface RoutingTable {
  routes: { match: string; service: string }[];
  fallback: string;
  samples: { method: string; path: string; service: string }[];
}
/** The one routing table: the client's server and compose route by it too. */
const routingTable = JSON.parse(fs.readFileSync(path.join(repoRoot, 'infra', 'routing-table.json'), 'utf8')) as RoutingTable;

const objects = loadBase();
const ingresses = objectsOfKind(objects, 'Ingress');
const host = 'posts.com';
const locations = ingressNginxLocations(ingresses, host);
const services = objectsOfKind(objects, 'Service');

describe('infra/k8s/ingress.yaml', () => {
  test.each(ingresses.map((ingress) => [ingress.metadata.name, ingress] as const))(
    'Ingress %s, when read by ingress-nginx, is for class nginx and host posts.com, with regex paths',
    (_name, ingress) => {
      // Arrange
      const paths = ingress.spec.rules.flatMap((rule: K8sObject['spec']) => rule.http.paths);
      // Act and Assert
      expect(ingress.spec.ingressClassName).toBe('nginx');
      expect(ingress.spec.rules.map((rule: K8sObject['spec']) => rule.host)).toEqual([host]);
      expect(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/use-regex']).toBe('true');
      for (const entry of paths) expect(entry.pathType).toBe('ImplementationSpecific');
    },
  );

  test('the main Ingress, when listed, has the course\'s paths in the course\'s order', () => {
    // Arrange
    const blog = findObject(objects, 'Ingress', 'blog');
    // Act
    const paths = blog.spec.rules[0].http.paths.map((entry: K8sObject['spec']) => `${entry.path} → ${entry.backend.service.name}`);
    // Assert
    expect(paths).toEqual(['/posts/create → posts', '/posts/?(.*)/comments → comments', '/posts → query', '/?(.*) → client']);
  });

  test.each(routingTable.samples.map((sample) => [`${sample.method} ${sample.path}`, sample] as const))(
    '%s, when routed as ingress-nginx does, reaches the service the routing table names',
    (_name, sample) => {
      // Arrange: locations ordered as ingress-nginx orders them.
      // Act
      const location = routeFor(locations, sample.path);
      // Assert
      expect(location?.service).toBe(sample.service);
    },
  );

  test('the routing table, when compared with the Ingress, names the same services', () => {
    // Arrange
    const tableServices = new Set([...routingTable.routes.map((route) => route.service), routingTable.fallback]);
    // Act
    const ingressServices = new Set(locations.map((location) => location.service));
    // Assert
    expect([...ingressServices].sort()).toEqual([...tableServices].sort());
    expect(routingTable.samples.length).toBeGreaterThanOrEqual(8);
  });

  test('every Ingress backend, when resolved, is a Service port that exists', () => {
    // Arrange
    const servicePorts = new Map(services.map((service) => [service.metadata.name, service.spec.ports as { port: number; name: string }[]]));
    // Act
    const unresolved = locations.filter(
      (location) => !servicePorts.get(location.service)?.some((port) => port.port === location.port || port.name === location.port),
    );
    // Assert
    expect(unresolved).toEqual([]);
  });

  test('no path, when routed, reaches the event bus, not even the bus\'s own paths', () => {
    // Arrange
    const busPaths = ['/events', '/events?after=0', '/events/stream', '/subscriptions', '/subscriptions/moderation', '/EVENTS'];
    // Act
    const reached = busPaths.map((busPath) => routeFor(locations, busPath)?.service);
    // Assert
    expect(locations.map((location) => location.service)).not.toContain('event-bus');
    expect(reached).toEqual(busPaths.map(() => 'client'));
  });

  test('the live stream GET /posts/stream, when routed, goes through an unbuffered location with a long read timeout', () => {
    // Arrange
    const location = routeFor(locations, '/posts/stream');
    // Act
    const annotations = findObject(objects, 'Ingress', location!.ingress).metadata.annotations ?? {};
    // Assert
    expect(location?.service).toBe('query');
    expect(annotations['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
  });

  test('ingress-nginx\'s ordering, when two paths are equally long, puts /posts before the catch-all /?(.*) (the model can tell)', () => {
    // Arrange: both paths are six characters; the catch-all written first.
    const catchAllFirst = ingressNginxLocations(
      [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { name: 'reversed' },
          spec: { rules: [{ host, http: { paths: [
            { path: '/?(.*)', backend: { service: { name: 'client', port: { number: 3000 } } } },
            { path: '/posts', backend: { service: { name: 'query', port: { number: 4002 } } } },
          ] } }] },
        },
      ],
      host,
    );
    // Act
    const route = routeFor(catchAllFirst, '/posts');
    // Assert: ingress-nginx sorts by path descending, then by length: '/posts' > '/?(.*)'.
    expect(route?.service).toBe('query');
    expect(routeFor(catchAllFirst.slice().reverse(), '/posts')?.service).toBe('client');
  });
});

describe('infra/k8s/network-policies.yaml', () => {
  const policies = objectsOfKind(objects, 'NetworkPolicy');
  const podLabels = (name: string) => workloads(objects).find((workload) => workload.metadata.name === name)!.spec.template.metadata.labels;
  const selectsPod = (policy: K8sObject, labels: Record<string, string>) => {
    const selector = policy.spec.podSelector;
    const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
    const byExpressions = (selector.matchExpressions ?? []).every(
      (expression: { key: string; operator: string; values: string[] }) => expression.operator === 'In' && expression.values.includes(labels[expression.key]!),
    );
    return byLabels && byExpressions;
  };

  test('the event bus, when policies admit traffic to it, admits only the blog\'s own pods', () => {
    // Arrange
    const busPolicies = policies.filter((policy) => selectsPod(policy, podLabels('event-bus')));
    // Act
    const sources = busPolicies.flatMap((policy) => (policy.spec.ingress ?? []).flatMap((rule: K8sObject['spec']) => rule.from ?? [{}]));
    // Assert: every source is a pod selector of this namespace; none names another namespace or all sources.
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'blog' } } });
  });

  test('everything, when no policy allows it, is denied', () => {
    // Arrange and Act
    const denyAll = policies.find((policy) => Object.keys(policy.spec.podSelector).length === 0 && !policy.spec.ingress && !policy.spec.egress);
    // Assert
    expect(denyAll?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('the ingress controller, when let in, reaches exactly the services the Ingress routes to', () => {
    // Arrange
    const fromController = policies.filter((policy) =>
      (policy.spec.ingress ?? []).some((rule: K8sObject['spec']) => (rule.from ?? []).some((source: K8sObject['spec']) => source.namespaceSelector)),
    );
    // Act
    const admitted = workloads(objects).filter((workload) => fromController.some((policy) => selectsPod(policy, workload.spec.template.metadata.labels))).map((workload) => workload.metadata.name);
    // Assert
    expect(admitted.sort()).toEqual([...new Set(locations.map((location) => location.service))].sort());
  });
});
