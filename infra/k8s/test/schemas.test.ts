import { loadBase, type LoadedObject } from './manifests';
import { unknownFieldErrors, validateAgainstSchema } from './kubernetes-schemas';

const objects = loadBase();

describe('infra/k8s manifests against the Kubernetes API schemas', () => {
  test.each(objects.map((loaded) => [`${loaded.file}: ${loaded.object.kind} ${loaded.object.metadata.name}`, loaded] as const))(
    '%s, when validated against its OpenAPI schema, has no error',
    (_name, { object }) => {
      // Arrange: parsed in loadBase. Act and Assert: validate throws with every schema error.
      expect(() => validateAgainstSchema(object)).not.toThrow();
    },
  );

  test('every object, when type-checked against the API types, uses no field the API lacks', () => {
    // Arrange: all of them, so one compile covers every file.
    // Act
    const errors = unknownFieldErrors(objects);
    // Assert
    expect(errors).toEqual([]);
  });

  test('the schema check, when a manifest has a wrong type, fails (it can fail)', () => {
    // Arrange
    const deployment = structuredClone(objects.find(({ object }) => object.kind === 'Deployment')!.object);
    deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    // Act and Assert
    expect(() => validateAgainstSchema(deployment)).toThrow(/containerPort must be integer/);
  });

  test('the unknown-field check, when a container has a misspelled field, names it (it can fail)', () => {
    // Arrange
    const loaded = objects.find(({ object }) => object.kind === 'Deployment')!;
    const misspelled: LoadedObject = { file: loaded.file, object: structuredClone(loaded.object) };
    const container = misspelled.object.spec.template.spec.containers[0];
    container.readinesProbe = container.readinessProbe;
    delete container.readinessProbe;
    // Act
    const errors = unknownFieldErrors([misspelled]);
    // Assert
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${loaded.file}: Deployment ${loaded.object.metadata.name}:`);
    expect(errors[0]).toMatch(/readinesProbe.*does not exist in type 'IContainer'/);
  });
});
