import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { baseDir, devOverlayDir, loadBase, readKustomization, type K8sObject } from './manifests';

const kustomization = readKustomization(baseDir);
const objects = loadBase();
const identity = (object: K8sObject) => `${object.kind}/${object.metadata.name}`;

/** `kubectl kustomize` output, or the reason it cannot run here. */
function kustomize(dir: string): K8sObject[] {
  const output = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(output).map((document) => document.toJS() as K8sObject);
}
const kubectlVersion = (() => {
  try {
    return execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
})();
if (!kubectlVersion) {
  const message = 'kubectl is not installed: the `kubectl kustomize` rendering tests cannot run';
  if (process.env.CI === 'true') throw new Error(`${message} (required in CI)`);
  process.stderr.write(`infra/k8s/test/kustomization.test.ts: ${message}; skipping them.\n`);
}
const withKubectl = kubectlVersion ? test : test.skip;

describe('infra/k8s/kustomization.yaml', () => {
  test('the resources, when compared with the YAML files in infra/k8s, list each file exactly once', () => {
    // Arrange
    const files = fs.readdirSync(baseDir).filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml');
    // Act
    const listed = [...kustomization.resources].sort();
    // Assert
    expect(listed).toEqual([...files].sort());
    expect(new Set(kustomization.resources).size).toBe(kustomization.resources.length);
  });

  test('the namespace, when set by the kustomization, is the one the Namespace manifest creates', () => {
    // Arrange
    const namespaces = objects.filter(({ object }) => object.kind === 'Namespace').map(({ object }) => object.metadata.name);
    // Act and Assert
    expect(kustomization.namespace).toBe('blog');
    expect(namespaces).toEqual(['blog']);
  });

  test('no manifest, when it names a namespace itself, fights the kustomization over it', () => {
    // Arrange: read the files raw, before loadBase applies the namespace.
    const raw = kustomization.resources.flatMap((file) =>
      parseAllDocuments(fs.readFileSync(`${baseDir}/${file}`, 'utf8')).map((document) => ({ file, object: document.toJS() as K8sObject })),
    );
    // Act
    const withOwnNamespace = raw.filter(({ object }) => object.metadata.namespace !== undefined).map(({ file }) => file);
    // Assert
    expect(withOwnNamespace).toEqual([]);
  });

  withKubectl('kubectl kustomize infra/k8s, when rendered, puts the same objects in the blog namespace', () => {
    // Arrange and Act
    const rendered = kustomize(baseDir);
    // Assert
    expect(rendered.map(identity).sort()).toEqual(objects.map(({ object }) => identity(object)).sort());
    for (const object of rendered.filter((o) => o.kind !== 'Namespace')) expect(`${identity(object)} in ${object.metadata.namespace}`).toBe(`${identity(object)} in blog`);
  });

  withKubectl('kubectl kustomize infra/k8s-dev, when rendered, runs one replica of each from local images, without autoscaling', () => {
    // Arrange and Act
    const rendered = kustomize(devOverlayDir);
    const workloads = rendered.filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet');
    // Assert
    expect(rendered.filter((object) => ['HorizontalPodAutoscaler', 'PodDisruptionBudget'].includes(object.kind))).toEqual([]);
    expect(workloads).toHaveLength(6);
    for (const workload of workloads) {
      expect(`${identity(workload)} replicas=${workload.spec.replicas}`).toBe(`${identity(workload)} replicas=1`);
      for (const container of workload.spec.template.spec.containers) expect(`${identity(workload)} ${container.imagePullPolicy}`).toBe(`${identity(workload)} Never`);
    }
    const kept = objects.map(({ object }) => identity(object)).filter((id) => !/^(HorizontalPodAutoscaler|PodDisruptionBudget)\//.test(id));
    expect(rendered.map(identity).sort()).toEqual(kept.sort());
  });
});
