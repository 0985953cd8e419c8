/**
 * Keeps docs/guide honest. Every shell block there is marked with what it
 * needs (the convention is in docs/guide/README.md):
 *   ```sh checked          run here, for real, against a running stack
 *   ```sh checked server   `npm start`: the test starts the same processes itself
 *   ```sh checked setup    `npm install`: done by .ci/run before the tests
 *   ```sh checked docker   checked against the Dockerfiles and docker-compose.yml
 *   ```sh checked cluster  checked against infra/k8s and skaffold.yaml
 *   ```<lang> excerpt=<path>   every quoted line must still be in that file
 * A failing command, a file or name that no longer exists, or an unmarked
 * shell block fails the test.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { coursePorts, repoRoot, serviceNames, startStack, type RunningStack, type ServiceName } from '../src/stack';

jest.setTimeout(60_000);

const guideDir = path.join(repoRoot, 'docs', 'guide');
const commandTimeoutMs = 20_000;

// ---- reading the guide -------------------------------------------------------------

type BlockKind = 'run' | 'server' | 'setup' | 'docker' | 'cluster';
const blockKinds: readonly BlockKind[] = ['run', 'server', 'setup', 'docker', 'cluster'];
const shellLanguages = ['sh', 'bash', 'shell', 'console', 'zsh'];

interface Block {
  file: string;
  line: number;
  info: string;
  body: string;
  /** `file:line`, for test names and messages. */
  where: string;
}

function readBlocks(file: string): Block[] {
  const lines = fs.readFileSync(path.join(guideDir, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== '```'; i += 1) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: code block never closed`);
    blocks.push({ file, line: start + 1, info: open[1]!.trim(), body: body.join('\n'), where: `${file}:${start + 1}` });
  }
  return blocks;
}

const pages = fs.readdirSync(guideDir).filter((name) => name.endsWith('.md')).sort();
const allBlocks = pages.flatMap(readBlocks);

function isShell(block: Block): boolean {
  return shellLanguages.includes(block.info.split(/\s+/)[0] ?? '');
}

/** The block's kind from its info string: `sh checked` is run, `sh checked docker` is docker, … */
function kindOf(block: Block): BlockKind | undefined {
  const [, checked, kind, ...rest] = block.info.split(/\s+/);
  if (checked !== 'checked' || rest.length > 0) return undefined;
  const resolved = (kind ?? 'run') as BlockKind;
  return blockKinds.includes(resolved) ? resolved : undefined;
}

const blocksOf = (kind: BlockKind) => allBlocks.filter((block) => isShell(block) && kindOf(block) === kind);

/** The commands of a block: comments and blank lines dropped, `\` continuations joined. */
function commandsOf(block: Block): string[] {
  return block.body
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Splits a command into words the way a shell would for our purposes: quotes kept together, `|`, `;` and `&&` separate commands. */
function wordsOf(command: string): string[][] {
  const commands: string[][] = [[]];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\|\||&&|[|;])|(\S+?)(?=\s|$|'|"|\||;|&&)/g;
  let current = '';
  let lastEnd = 0;
  for (const match of command.matchAll(pattern)) {
    const glued = match.index === lastEnd && current !== '';
    if (match[3]) {
      if (current) commands[commands.length - 1]!.push(current);
      current = '';
      commands.push([]);
    } else {
      const piece = match[1] ?? match[2] ?? match[4] ?? '';
      if (glued) current += piece;
      else {
        if (current) commands[commands.length - 1]!.push(current);
        current = piece;
      }
    }
    lastEnd = match.index! + match[0].length;
  }
  if (current) commands[commands.length - 1]!.push(current);
  return commands.filter((words) => words.length > 0);
}

// ---- what the repository holds ---------------------------------------------------------

const readText = (relative: string) => fs.readFileSync(path.join(repoRoot, relative), 'utf8');
const exists = (relative: string) => fs.existsSync(path.join(repoRoot, relative));
const packageJson = JSON.parse(readText('package.json')) as { scripts: Record<string, string> };

interface SkaffoldArtifact {
  image: string;
  docker: { dockerfile: string };
}
const skaffold = parseYaml(readText('skaffold.yaml')) as { build: { artifacts: SkaffoldArtifact[] }; profiles?: Array<{ name: string }> };
const dockerfileOfImage = new Map(skaffold.build.artifacts.map((artifact) => [artifact.image, artifact.docker.dockerfile]));
const skaffoldProfiles = new Set((skaffold.profiles ?? []).map((profile) => profile.name));

const compose = parseYaml(readText('docker-compose.yml')) as { services: Record<string, { ports?: string[] }> };
const composeServices = new Set(Object.keys(compose.services));

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: { ports?: Array<{ port: number }>; rules?: Array<{ host?: string }> };
}
const k8sDir = path.join(repoRoot, 'infra', 'k8s');
const manifests: Manifest[] = fs
  .readdirSync(k8sDir)
  .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
  .flatMap((name) => parseAllDocuments(fs.readFileSync(path.join(k8sDir, name), 'utf8')).map((document) => document.toJS() as Manifest))
  .filter((manifest) => manifest && typeof manifest.kind === 'string');
const kustomization = parseYaml(fs.readFileSync(path.join(k8sDir, 'kustomization.yaml'), 'utf8')) as { namespace: string };

/** Every label value under the key app.kubernetes.io/name anywhere in the manifests (pod templates and claim templates included). */
function labelValues(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => labelValues(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'app.kubernetes.io/name' && typeof value === 'string') found.add(value);
      else labelValues(value, found);
    }
  }
  return found;
}
const k8sNameLabels = labelValues(manifests);

const kubectlKinds: Record<string, string> = {
  deployment: 'Deployment',
  deployments: 'Deployment',
  deploy: 'Deployment',
  statefulset: 'StatefulSet',
  sts: 'StatefulSet',
  service: 'Service',
  svc: 'Service',
  hpa: 'HorizontalPodAutoscaler',
  ingress: 'Ingress',
  configmap: 'ConfigMap',
};
const manifestNamed = (kind: string, name: string) => manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);

// ---- checks for commands that are not run here ------------------------------------------

/** Paths into the repository a command names must exist. */
function checkRepositoryPaths(words: string[], problems: string[]): void {
  for (const word of words) {
    const candidate = word.replace(/^\.\//, '');
    if (/^(services|client|infra|packages|tools|docs)\/[\w./-]+$/.test(candidate) || candidate === 'docker-compose.yml' || candidate === 'skaffold.yaml') {
      if (!exists(candidate)) problems.push(`names ${candidate}, which does not exist`);
    }
  }
}

function checkNpmRun(words: string[], problems: string[]): void {
  if (words[0] !== 'npm') return;
  if (words[1] === 'run') {
    const script = words[2] ?? '';
    if (!(script in packageJson.scripts)) problems.push(`npm run ${script}: no such script in package.json`);
    if (script === 'doctor' && words[3] !== undefined && !['1', '2', '3', '4', 'all'].includes(words[3])) problems.push(`npm run doctor ${words[3]}: not a stage`);
  } else if (words[1] !== 'start') problems.push(`npm ${words[1]}: not expected in a docker or cluster block`);
}

/** The image a `docker build -t`/`docker run` names must be one skaffold builds, from the Dockerfile the command uses. */
function checkImage(image: string, problems: string[]): string | undefined {
  const name = image.replace(/:[\w.-]+$/, '');
  const dockerfile = dockerfileOfImage.get(name);
  if (!dockerfile) problems.push(`image ${image}: not one of the images this repository builds (${[...dockerfileOfImage.keys()].join(', ')})`);
  return dockerfile;
}

function optionValue(words: string[], ...names: string[]): string | undefined {
  const index = words.findIndex((word) => names.includes(word));
  return index >= 0 ? words[index + 1] : undefined;
}

interface PageState {
  containers: Set<string>;
  publishedPorts: Set<number>;
}

/** Words after the subcommand that are not options or option values. */
function positional(words: string[], optionsWithValue: string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (optionsWithValue.includes(word)) i += 1;
    else if (!word.startsWith('-')) result.push(word);
  }
  return result;
}

function checkDocker(words: string[], state: PageState, problems: string[]): void {
  const [, subcommand, ...rest] = words;
  if (subcommand === 'compose') return checkCompose(rest, problems);
  switch (subcommand) {
    case 'build': {
      const tag = optionValue(rest, '-t', '--tag');
      const file = optionValue(rest, '-f', '--file');
      if (!tag || !file) problems.push('docker build without -t and -f: every image here is built from the repository root with its own Dockerfile');
      else if (checkImage(tag, problems) !== file) problems.push(`docker build -t ${tag} -f ${file}: skaffold builds that image from ${dockerfileOfImage.get(tag.replace(/:.*/, ''))}`);
      if (rest[rest.length - 1] !== '.') problems.push('docker build: the context must be the repository root (.)');
      return;
    }
    case 'create':
    case 'run': {
      const name = optionValue(rest, '--name');
      if (name) state.containers.add(name);
      const args = positional(rest, ['--name', '-p', '--publish', '-v', '--volume', '-e', '--env']);
      const image = args[0];
      const dockerfile = image ? checkImage(image, problems) : undefined;
      if (!image) problems.push(`docker ${subcommand}: no image`);
      const dockerfileText = dockerfile && exists(dockerfile) ? readText(dockerfile) : '';
      for (const [index, word] of rest.entries()) {
        if ((word === '-p' || word === '--publish') && rest[index + 1]) {
          const [host, container] = rest[index + 1]!.split(':').map(Number);
          state.publishedPorts.add(host!);
          if (!new RegExp(`^EXPOSE ${container}$`, 'm').test(dockerfileText)) problems.push(`-p ${rest[index + 1]}: ${dockerfile} does not EXPOSE ${container}`);
        }
        if ((word === '-v' || word === '--volume') && rest[index + 1]) {
          const mountPoint = rest[index + 1]!.split(':')[1];
          if (!new RegExp(`^VOLUME ${mountPoint}$`, 'm').test(dockerfileText)) problems.push(`-v ${rest[index + 1]}: ${dockerfile} has no VOLUME ${mountPoint}`);
        }
      }
      return;
    }
    case 'start':
    case 'stop':
    case 'kill':
    case 'rm':
    case 'logs':
    case 'exec': {
      const target = positional(rest, [])[0];
      if (!target || !state.containers.has(target)) problems.push(`docker ${subcommand} ${target ?? ''}: no container of that name was created on this page`);
      return;
    }
    case 'ps':
    case 'images':
      return;
    case 'volume': {
      if (rest[0] !== 'rm' && rest[0] !== 'ls') problems.push(`docker volume ${rest[0]}: unexpected`);
      return;
    }
    default:
      problems.push(`docker ${subcommand}: not a command this guide is expected to use`);
  }
}

function checkCompose(words: string[], problems: string[]): void {
  const [subcommand, ...rest] = words;
  if (!['up', 'ps', 'logs', 'stop', 'down', 'start', 'restart', 'exec', 'build'].includes(subcommand ?? '')) {
    problems.push(`docker compose ${subcommand}: not a command this guide is expected to use`);
    return;
  }
  const scale = optionValue(rest, '--scale');
  if (scale && !composeServices.has(scale.split('=')[0]!)) problems.push(`--scale ${scale}: no such service in docker-compose.yml`);
  for (const service of positional(rest, ['--scale', '-f', '--file', '-p'])) {
    if (!composeServices.has(service)) problems.push(`docker compose ${subcommand} ${service}: no such service in docker-compose.yml`);
  }
}

/** Ports a compose stack publishes on the host (by default: BLOG_PORT unset). */
function composePublishedPorts(): Set<number> {
  const ports = new Set<number>();
  for (const service of Object.values(compose.services)) {
    for (const mapping of service.ports ?? []) ports.add(Number(mapping.replace(/\$\{BLOG_PORT:-(\d+)\}/, '$1').split(':')[0]));
  }
  return ports;
}

function checkCurl(words: string[], allowedPorts: Set<number>, allowedHosts: Set<string>, problems: string[]): void {
  const url = words.slice(1).find((word) => /^(https?:\/\/)?[\w.-]+(:\d+)?\//.test(word) || /^localhost:\d+/.test(word));
  if (!url) {
    problems.push('curl without a URL');
    return;
  }
  const parsed = new URL(url.startsWith('http') ? url : `http://${url}`);
  if (parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1') {
    if (!allowedPorts.has(Number(parsed.port || 80))) problems.push(`curl ${url}: nothing publishes port ${parsed.port} here (published: ${[...allowedPorts].join(', ')})`);
  } else if (!allowedHosts.has(parsed.hostname)) problems.push(`curl ${url}: ${parsed.hostname} is not a host the Ingress serves`);
}

function checkKubectl(words: string[], problems: string[]): void {
  const namespace = optionValue(words, '-n', '--namespace');
  if (namespace && namespace !== kustomization.namespace && namespace !== 'ingress-nginx') problems.push(`-n ${namespace}: the blog lives in namespace ${kustomization.namespace}`);
  const inBlog = namespace === kustomization.namespace;
  for (const option of ['-k', '-f', '--filename', '--kustomize']) {
    const target = optionValue(words, option);
    if (target && !/^https?:\/\//.test(target) && !exists(target)) problems.push(`${option} ${target}: does not exist`);
  }
  const args = positional(words.slice(1), ['-n', '--namespace', '-k', '-f', '-l', '-p', '--selector', '--replicas', '--for', '--timeout', '-o']);
  if (args[0] === 'kustomize' && (!args[1] || !exists(args[1]))) problems.push(`kubectl kustomize ${args[1] ?? ''}: no such folder`);
  if (!inBlog) return;
  const selector = optionValue(words, '-l', '--selector');
  if (selector) {
    const [key, value] = selector.split('=');
    if (key !== 'app.kubernetes.io/name' || !k8sNameLabels.has(value!)) problems.push(`-l ${selector}: no object in infra/k8s carries that label`);
  }
  for (const [index, arg] of args.entries()) {
    const slash = /^([a-z]+)\/([\w-]+)$/.exec(arg);
    const [kindWord, name] = slash ? [slash[1]!, slash[2]!] : [arg, args[index + 1]];
    const kind = kubectlKinds[kindWord];
    if (!kind) continue;
    if (!slash && (!name || index === args.length - 1 || name.includes(','))) continue; // a listing such as `get pods,services,ingress`
    const manifest = manifestNamed(kind, name!);
    if (!manifest) problems.push(`${arg}${slash ? '' : ` ${name}`}: no ${kind} of that name in infra/k8s`);
    if (manifest && args[0] === 'port-forward') {
      const port = Number(args[index + 1]?.split(':')[1]);
      if (!manifest.spec?.ports?.some((entry) => entry.port === port)) problems.push(`port-forward ${arg}: the Service has no port ${port}`);
    }
    if (!slash) break;
  }
}

function checkSkaffold(words: string[], problems: string[]): void {
  if (!['dev', 'run', 'build', 'delete'].includes(words[1] ?? '')) problems.push(`skaffold ${words[1]}: not a command this guide is expected to use`);
  const profile = optionValue(words, '-p', '--profile');
  if (profile && !skaffoldProfiles.has(profile)) problems.push(`skaffold -p ${profile}: no such profile in skaffold.yaml`);
}

const ingressHosts = new Set(manifests.filter((manifest) => manifest.kind === 'Ingress').flatMap((manifest) => (manifest.spec?.rules ?? []).map((rule) => rule.host ?? '')));

/** Every problem with one command of a docker or cluster block; empty when it names only what exists. */
function problemsOf(command: string, kind: 'docker' | 'cluster', state: PageState): string[] {
  const problems: string[] = [];
  for (let words of wordsOf(command)) {
    if (words[0] === 'time') words = words.slice(1);
    checkRepositoryPaths(words, problems);
    const tool = words[0];
    if (tool === 'docker') checkDocker(words, state, problems);
    else if (tool === 'docker-compose') checkCompose(words.slice(1), problems);
    else if (tool === 'npm') checkNpmRun(words, problems);
    else if (tool === 'curl') checkCurl(words, kind === 'docker' ? new Set([...state.publishedPorts, ...composePublishedPorts()]) : new Set(), ingressHosts, problems);
    else if (tool === 'kubectl' && kind === 'cluster') checkKubectl(words, problems);
    else if (tool === 'skaffold' && kind === 'cluster') checkSkaffold(words, problems);
    else if (tool === 'grep' && kind === 'cluster') continue; // filtering kubectl's output
    else if ((tool === 'minikube' || tool === 'kind') && kind === 'cluster') continue; // the cluster's own tools: docs/kubernetes.md
    else problems.push(`${tool}: not a tool a ${kind} block is expected to use`);
  }
  return problems;
}

// ---- running the blocks that need neither Docker nor a cluster ------------------------

interface Outcome {
  code: number | null;
  output: string;
}

/** Points localhost:<course port> at the port the test's stack uses for that service. */
function pointAtStack(script: string, stack: RunningStack): string {
  const byPort = new Map(Object.entries(coursePorts).map(([name, port]) => [port, name as ServiceName]));
  return script.replace(/\blocalhost:(\d+)/g, (whole, port: string) => {
    const name = byPort.get(Number(port));
    return name ? `127.0.0.1:${stack.ports[name]}` : whole;
  });
}

function runScript(script: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const prologue = 'set -euo pipefail\ntrap \'echo "guide command failed (exit $?): $BASH_COMMAND" >&2\' ERR\n';
    const child = spawn('bash', ['-c', prologue + script], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n(killed after ${commandTimeoutMs} ms)`;
      child.kill('SIGKILL');
    }, commandTimeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// ---- the tests ------------------------------------------------------------------------------

describe('docs/guide', () => {
  it('every shell block in docs/guide, when read, is marked checked with a known kind, and every kind is used', () => {
    // Arrange
    const shellBlocks = allBlocks.filter(isShell);

    // Act
    const unmarked = shellBlocks.filter((block) => kindOf(block) === undefined).map((block) => `${block.where}: \`\`\`${block.info}`);

    // Assert
    expect(unmarked).toEqual([]);
    for (const kind of blockKinds) expect(blocksOf(kind).length).toBeGreaterThan(0);
    expect(pages).toEqual(expect.arrayContaining(['README.md', '1-processes.md', '2-one-container.md', '3-compose.md', '4-kubernetes.md']));
  });

  it('every relative link and image in docs/guide, when followed, reaches a file that exists', () => {
    // Arrange
    const links = pages.flatMap((page) =>
      [...fs.readFileSync(path.join(guideDir, page), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)].map((match) => ({ page, target: match[1]! })),
    );

    // Act
    const broken = links
      .filter(({ target }) => !/^(https?:|mailto:|#)/.test(target))
      .filter(({ page, target }) => !fs.existsSync(path.resolve(guideDir, path.dirname(page), target.split('#')[0]!)))
      .map(({ page, target }) => `${page}: ${target}`);

    // Assert
    expect(links.some(({ target }) => target === '../architecture.svg')).toBe(true);
    expect(broken).toEqual([]);
  });

  describe('the blocks that need neither Docker nor a cluster (sh checked), run against the stack', () => {
    let stack: RunningStack | undefined;
    let dataDir: string;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-guide-'));
      // What `npm start` runs (see the server-block test below), on free ports so that nothing else on this machine is disturbed.
      stack = await startStack({ dataDir, withClient: true, logDir: path.join(dataDir, 'logs') });
    });
    afterAll(async () => {
      await stack?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it.each(blocksOf('run').map((block) => [block.where, block] as const))('%s, when run from the repository root, exits 0 within 20 s', async (_where, block) => {
      // Arrange
      const script = pointAtStack(block.body, stack!);

      // Act
      const outcome = await runScript(script);

      // Assert
      if (outcome.code !== 0) throw new Error(`${block.where} failed (exit ${outcome.code}):\n${block.body}\n--- output ---\n${outcome.output}`);
      expect(outcome.code).toBe(0);
    });
  });

  it('every server block (sh checked server), when read, is npm start, optionally with <SERVICE>_WORKERS, and npm start still runs the launcher the test stands in for', () => {
    // Arrange
    const commands = blocksOf('server').flatMap((block) => commandsOf(block).map((command) => ({ where: block.where, command })));
    const knownWorkerVariables = serviceNames.map((name) => `${name.toUpperCase().replace('-', '_')}_WORKERS`);

    // Act
    const unknown = commands.filter(({ command }) => {
      const match = /^(?:([A-Z_]+)=\d+ )?npm start$/.exec(command);
      return !match || (match[1] !== undefined && !knownWorkerVariables.includes(match[1]));
    });

    // Assert
    expect(unknown).toEqual([]);
    expect(packageJson.scripts.start).toBe('npm run build && node tools/dist/start.js');
    const launcher = readText('tools/src/start.ts');
    expect(launcher).toContain('await startStack({');
    expect(launcher).toContain('ports: coursePorts');
    expect(launcher).toContain('_WORKERS');
  });

  it('every setup block (sh checked setup), when read, is an install that .ci/run performs before npm test', () => {
    // Arrange
    const commands = blocksOf('setup').flatMap(commandsOf);

    // Act
    const unknown = commands.filter((command) => !['npm install', 'npm ci'].includes(command));

    // Assert
    expect(unknown).toEqual([]);
    expect(readText('.ci/run')).toMatch(/^npm ci\b/m);
    expect(packageJson.scripts.test).toMatch(/^npm run build\b/);
  });

  it.each(['docker', 'cluster'] as const)('every %s block, when its commands are read, names only files, images, containers, services and objects that exist here', (kind) => {
    // Arrange: container names and published ports carry from one block to the next on the same page.
    const states = new Map<string, PageState>();
    const blocks = blocksOf(kind);

    // Act
    const problems = blocks.flatMap((block) => {
      const state = states.get(block.file) ?? { containers: new Set<string>(), publishedPorts: new Set<number>() };
      states.set(block.file, state);
      return commandsOf(block).flatMap((command) => problemsOf(command, kind, state).map((problem) => `${block.where}: ${command}\n    ${problem}`));
    });

    // Assert
    expect(blocks.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('the docker and cluster blocks, when not run here, are covered by the container test and the manifest tests', () => {
    // Assert: what runs them for real, or checks what they deploy.
    expect(packageJson.scripts['test:containers']).toBe('bash infra/docker/test-containers.sh');
    expect(exists('infra/docker/test-containers.sh')).toBe(true);
    expect(readText('.ci/run')).toContain('npm run test:containers');
    expect(fs.readdirSync(path.join(repoRoot, 'infra', 'k8s', 'test')).filter((name) => name.endsWith('.test.ts')).length).toBeGreaterThan(0);
  });

  it('the static checks, when a command names a Dockerfile, image, compose service or Deployment that does not exist, report each', () => {
    // Arrange: the checks above must be able to fail.
    const state: PageState = { containers: new Set(), publishedPorts: new Set() };

    // Act
    const docker = [
      problemsOf('docker build -t blog/posts:1.0.0 -f services/nope/Dockerfile .', 'docker', state),
      problemsOf('docker compose up --scale replies=3', 'docker', state),
      problemsOf('docker logs never-created', 'docker', state),
      problemsOf('curl -s localhost:4005/events', 'docker', state),
    ];
    const cluster = [problemsOf('kubectl -n blog scale deployment/replies --replicas=3', 'cluster', state), problemsOf('skaffold dev -p prod', 'cluster', state)];

    // Assert
    expect(docker[0]!.join('\n')).toContain('services/nope/Dockerfile, which does not exist');
    expect(docker[1]!.join('\n')).toContain('--scale replies=3: no such service');
    expect(docker[2]!.join('\n')).toContain('no container of that name');
    expect(docker[3]!.join('\n')).toContain('nothing publishes port 4005');
    expect(cluster[0]!.join('\n')).toContain('no Deployment of that name');
    expect(cluster[1]!.join('\n')).toContain('no such profile');
  });

  it.each(allBlocks.filter((block) => /\bexcerpt=/.test(block.info)).map((block) => [block.where, block] as const))(
    '%s, when compared with the file it quotes, quotes only lines that are still there',
    (_where, block) => {
      // Arrange
      const source = /\bexcerpt=(\S+)/.exec(block.info)![1]!;
      const fileLines = new Set(readText(source).split('\n').map((line) => line.trimEnd()));

      // Act
      const missing = block.body
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== '…' && line.trim() !== '' && !fileLines.has(line));

      // Assert
      expect(missing).toEqual([]);
    },
  );
});
