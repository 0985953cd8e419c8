import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository root, seen from infra/k8s/test. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const baseDir = path.join(repoRoot, 'infra', 'k8s');
export const devOverlayDir = path.join(repoRoot, 'infra', 'k8s-dev');

/** Any Kubernetes object, as parsed; tests reach into it by path. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  /** Kind-specific; tests read the parts they check. */
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
}

export interface LoadedObject {
  file: string;
  object: K8sObject;
}

/** Parses a YAML file of one or more documents, failing on any YAML error or warning. */
export function readYamlDocuments(file: string): unknown[] {
  const documents = parseAllDocuments(fs.readFileSync(file, 'utf8'), { prettyErrors: true, strict: true, uniqueKeys: true });
  return documents.map((document) => {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0) throw new Error(`${path.relative(repoRoot, file)}: ${problems.map((p) => p.message).join('; ')}`);
    return document.toJS();
  });
}

export interface Kustomization {
  apiVersion: string;
  kind: string;
  namespace?: string;
  resources: string[];
  patches?: unknown[];
}

export function readKustomization(dir: string): Kustomization {
  const [kustomization] = readYamlDocuments(path.join(dir, 'kustomization.yaml'));
  return kustomization as Kustomization;
}

/** Every object of the base, file by file, in the kustomization's order, with the kustomization's namespace applied. */
export function loadBase(): LoadedObject[] {
  const kustomization = readKustomization(baseDir);
  return kustomization.resources.flatMap((resource) =>
    readYamlDocuments(path.join(baseDir, resource))
      .filter((document) => document !== null)
      .map((document) => {
        const object = document as K8sObject;
        if (kustomization.namespace && object.kind !== 'Namespace') object.metadata.namespace = kustomization.namespace;
        return { file: resource, object };
      }),
  );
}

export const objectsOfKind = (objects: LoadedObject[], kind: string) =>
  objects.filter(({ object }) => object.kind === kind).map(({ object }) => object);

/** The workloads: everything with a pod template. */
export const workloads = (objects: LoadedObject[]) =>
  objects.map(({ object }) => object).filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet');

export function findObject(objects: LoadedObject[], kind: string, name: string): K8sObject {
  const found = objects.find(({ object }) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name}`);
  return found.object;
}

/** Whether a label selector (matchLabels only, as ours are) selects these labels. */
export function selects(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}
