import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type RunningStack, type ServiceName } from '../../../tools/src/stack';
import { loadBase, workloads } from './manifests';

/**
 * The probes' paths and ports are checked against the real processes: the
 * compiled services (`npm run build`), started as `node <service>/dist/index.js`
 * with PORT set, exactly what the images run.
 */
const pods = workloads(loadBase());
const probeNames = ['startupProbe', 'livenessProbe', 'readinessProbe'] as const;

let stack: RunningStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-probes-'));
  stack = await startStack({ dataDir, withClient: true });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('infra/k8s probes against the running services', () => {
  test.each(
    pods.flatMap((workload) => {
      const container = workload.spec.template.spec.containers[0];
      return probeNames.map((probe) => [`${workload.metadata.name} ${probe} GET ${container[probe].httpGet.path}`, workload.metadata.name, container[probe].httpGet.path] as const);
    }),
  )('%s, when asked of the running service, answers 200', async (_name, service, probePath) => {
    // Arrange
    const url = `${stack.urls[service as ServiceName]}${probePath}`;
    // Act
    const response = await fetch(url);
    // Assert
    expect(response.status).toBe(200);
  });

  test('a path no probe uses, when asked, is not answered 200 (the check can fail)', async () => {
    // Arrange
    const url = `${stack.urls.posts}/health`;
    // Act
    const response = await fetch(url);
    // Assert
    expect(response.status).toBe(404);
  });

  // The bus last, as the stack stops: the others drain while it still answers.
  const stopOrder = [...pods.filter((workload) => workload.metadata.name !== 'event-bus'), ...pods.filter((workload) => workload.metadata.name === 'event-bus')];
  test.each(stopOrder.map((workload) => [workload.metadata.name, workload] as const))(
    '%s, when sent SIGTERM, exits 0 within its grace period less the preStop pause',
    async (name, workload) => {
      // Arrange
      const pod = workload.spec.template.spec;
      const budgetMs = (pod.terminationGracePeriodSeconds - pod.containers[0].lifecycle.preStop.sleep.seconds) * 1000;
      const started = Date.now();
      // Act
      const code = await stack.kill(name as ServiceName, 'SIGTERM');
      // Assert
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(budgetMs);
    },
    20_000,
  );
});
