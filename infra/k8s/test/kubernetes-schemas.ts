import path from 'node:path';
import ts from 'typescript';
import type { LoadedObject } from './manifests';

/**
 * The kubernetes-models module of an apiVersion: `apps/v1` → `kubernetes-models/apps/v1`,
 * the core group's `v1` → `kubernetes-models/v1`.
 */
const modelModule = (apiVersion: string) => `kubernetes-models/${apiVersion}`;

/** A kubernetes-models class: built from a manifest, it validates against the official OpenAPI schema. */
interface ModelClass {
  new (data: unknown): { validate(): void };
}

/**
 * Validates one object against the Kubernetes OpenAPI schema of its kind
 * (kubernetes-models' generated ajv validators). Throws with every schema
 * error; throws too when the package has no such kind (a typo'd kind or an
 * apiVersion Kubernetes does not serve).
 */
export function validateAgainstSchema(object: { apiVersion: string; kind: string }): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const models = require(modelModule(object.apiVersion)) as Record<string, ModelClass | undefined>;
  const Model = models[object.kind];
  if (!Model) throw new Error(`kubernetes-models has no ${object.kind} in ${object.apiVersion}`);
  new Model(object).validate();
}

/**
 * The schema validators accept unknown fields (the OpenAPI schemas do not
 * forbid them), while `kubectl apply` refuses them (strict field validation).
 * So every object is also written out as a TypeScript literal typed with
 * kubernetes-models' interface for its kind: the compiler's excess-property
 * check names any field the API does not have, at any depth — a typo such as
 * `readinesProbe` fails here instead of being silently dropped.
 *
 * Returns the compiler's messages; an empty list means every object type-checks.
 */
export function unknownFieldErrors(objects: LoadedObject[]): string[] {
  const fileName = path.join(__dirname, '__manifests_typed__.ts');
  const lines: string[] = [];
  objects.forEach(({ file, object }, index) => {
    lines.push(`// ${file}: ${object.kind} ${object.metadata.name}`);
    lines.push(`import type { I${object.kind} as T${index} } from '${modelModule(object.apiVersion)}';`);
    lines.push(`export const object${index}: T${index} = ${JSON.stringify(object, null, 2)};`);
  });
  const source = lines.join('\n');

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === fileName ? source : readFile(name));
  host.fileExists = (name) => name === fileName || fileExists(name);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, languageVersion, true) : getSourceFile(name, languageVersion, ...rest);

  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    // Name the manifest the error is in: the nearest "// file: Kind name" line above it.
    const above = source.split('\n').slice(0, line + 1).reverse().find((text) => text.startsWith('// '));
    return `${above?.slice(3) ?? diagnostic.file.fileName}: ${message}`;
  });
}
