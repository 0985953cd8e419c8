import fs from 'node:fs';
import path from 'node:path';
import { loadBase, readYamlDocuments, repoRoot, workloads } from './manifests';

interface Artifact {
  image: string;
  context: string;
  docker: { dockerfile: string };
}
interface SkaffoldConfig {
  apiVersion: string;
  kind: string;
  build: { artifacts: Artifact[] };
  manifests: { kustomize: { paths: string[] } };
  deploy: { kubectl: object };
  profiles: { name: string; manifests?: { kustomize: { paths: string[] } } }[];
}

const [skaffold] = readYamlDocuments(path.join(repoRoot, 'skaffold.yaml')) as [SkaffoldConfig];
const images = workloads(loadBase()).flatMap((workload) =>
  workload.spec.template.spec.containers.map((container: { image: string }) => ({ workload: workload.metadata.name, image: container.image })),
);
const withoutTag = (image: string) => image.replace(/:[^:/]+$/, '');

describe('skaffold.yaml', () => {
  test('the schema version, when read, is skaffold v4beta13 or newer', () => {
    // Arrange
    const match = /^skaffold\/v4beta(\d+)$/.exec(skaffold.apiVersion);
    // Act and Assert
    expect(skaffold.kind).toBe('Config');
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(13);
  });

  test('the artifacts, when compared with the manifests, build exactly the images the workloads run', () => {
    // Arrange
    const built = skaffold.build.artifacts.map((artifact) => artifact.image).sort();
    // Act
    const deployed = [...new Set(images.map(({ image }) => withoutTag(image)))].sort();
    // Assert
    expect(built).toEqual(deployed);
  });

  test.each(images.map(({ workload, image }) => [workload, image] as const))(
    '%s, when its image is built, comes from its own Dockerfile with the repository root as context',
    (workload, image) => {
      // Arrange
      const artifact = skaffold.build.artifacts.find((candidate) => candidate.image === withoutTag(image));
      const expectedDockerfile = workload === 'client' ? 'client/Dockerfile' : `services/${workload}/Dockerfile`;
      // Act and Assert
      expect(artifact?.context).toBe('.');
      expect(artifact?.docker.dockerfile).toBe(expectedDockerfile);
      expect(fs.existsSync(path.join(repoRoot, expectedDockerfile))).toBe(true);
    },
  );

  test('the manifests, when deployed, are the kustomizations: the base by default, the dev overlay with -p dev', () => {
    // Arrange
    const dev = skaffold.profiles.find((profile) => profile.name === 'dev');
    // Act
    const paths = [...skaffold.manifests.kustomize.paths, ...(dev?.manifests?.kustomize.paths ?? [])];
    // Assert
    expect(paths).toEqual(['infra/k8s', 'infra/k8s-dev']);
    for (const dir of paths) expect(fs.existsSync(path.join(repoRoot, dir, 'kustomization.yaml'))).toBe(true);
    expect(skaffold.deploy.kubectl).toEqual({});
  });
});
