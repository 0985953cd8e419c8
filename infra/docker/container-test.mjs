// The container test's steps, run by infra/docker/test-containers.sh once Docker,
// Compose ($COMPOSE) and a base image ($NODE_IMAGE, optional) are in place.
//
// It works on a copy of the working tree, so that the one-line source edit that
// proves the dependency layer is cached never touches the real files, and it always
// ends with `down -v`, also when a step fails or the run is interrupted.
//
// Steps: build every image; edit one source file and rebuild, asserting that the
// `npm ci` steps came from the cache and the compile did not; check what the images
// hold; `up` with three comments replicas; the course flow and a burst of comments
// through the one published port; POST /events on that port must not reach the bus;
// restart the bus and find its history intact; `stop` while comments are being
// written, with every exit code 0; start again and find every acknowledged comment
// still there.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const composeCommand = (process.env.COMPOSE ?? 'docker-compose').split(' ');
const project = 'blogcontainertest';
const services = ['event-bus', 'posts', 'comments', 'query', 'moderation', 'client'];
const commentsReplicas = 3;
const burstSize = Number(process.env.BURST_COMMENTS ?? 300);
const burstConcurrency = 25;
const startedAt = Date.now();

const workDir = mkdtempSync(path.join(tmpdir(), 'blog-container-test-'));
const logFile = path.join(workDir, 'container-test.log');
let port = 0;
let composeIsV1 = true;
/** Where compose runs: the working copy, once it exists. */
let composeDirectory = repoRoot;

// ---------------------------------------------------------------- output helpers

function progress(message) {
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  const stamp = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  process.stdout.write(`[containers ${stamp}] ${message}\n`);
}

class TestFailure extends Error {}

function check(condition, message) {
  if (!condition) throw new TestFailure(message);
}

// ---------------------------------------------------------------- processes

/**
 * Runs a command; its output goes to the run's log file and is returned.
 * Throws with the output's tail when it exits non-zero (unless allowFailure).
 */
function run(command, args, { allowFailure = false, env = {}, cwd = workDir, quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    appendFileSync(logFile, `\n$ ${[command, ...args].join(' ')}\n`);
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const log = createWriteStream(logFile, { flags: 'a' });
    const collect = (chunk) => {
      output += chunk;
      log.write(chunk);
      if (!quiet) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      log.end();
      if (code !== 0 && !allowFailure) {
        const tail = output.trim().split('\n').slice(-40).join('\n');
        reject(new TestFailure(`${[command, ...args].join(' ')} exited ${code}:\n${tail}`));
      } else resolve({ code, output });
    });
  });
}

function compose(args, options = {}) {
  const [command, ...prefix] = composeCommand;
  return run(command, [...prefix, '-p', project, ...args], {
    cwd: composeDirectory,
    ...options,
    env: { BLOG_PORT: String(port), BUILDKIT_PROGRESS: 'plain', ...options.env },
  });
}

async function docker(args, options) {
  return (await run('docker', args, options)).output.trim();
}

async function containerIds(service) {
  const { output } = await compose(['ps', '-q', ...(service ? [service] : [])]);
  return output.split('\n').map((line) => line.trim()).filter(Boolean);
}

async function inspect(id, format) {
  return docker(['inspect', '--format', format, id]);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe().catch((error) => ({ ok: false, detail: error.message }));
    if (last === true || last?.ok) return last;
    await sleep(1000);
  }
  throw new TestFailure(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last?.detail ? `: ${last.detail}` : ''}`);
}

async function waitUntilAllHealthy(expectedCount) {
  await waitFor('every container to be healthy', 180_000, async () => {
    const ids = await containerIds();
    const states = await Promise.all(ids.map((id) => inspect(id, '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}')));
    const unhealthy = states.filter((state) => !state.endsWith(' running healthy'));
    return { ok: ids.length === expectedCount && unhealthy.length === 0, detail: `${ids.length}/${expectedCount} containers; not healthy: ${unhealthy.join(', ') || 'none'}` };
  });
}

// ---------------------------------------------------------------- working copy

/** Copies the working tree (tracked and untracked, minus what git ignores) to workDir/repo. */
async function copyWorkingTree() {
  const { output } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot });
  const target = path.join(workDir, 'repo');
  for (const file of new Set(output.split('\0').filter(Boolean))) {
    const source = path.join(repoRoot, file);
    if (!existsSync(source)) continue; // deleted in the working tree but still in the index
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    copyFileSync(source, path.join(target, file));
  }
  return target;
}

// ---------------------------------------------------------------- build output

/**
 * Which build steps came from the cache, from the classic builder's output
 * ("Step 14/46 : RUN npm ci ..." then " ---> Using cache") or BuildKit's plain
 * progress ("#12 [build 5/9] RUN npm ci ..." then "#12 CACHED").
 */
function cachedSteps(buildOutput) {
  const steps = [];
  let current;
  const byBuildkitId = new Map();
  for (const line of buildOutput.split('\n')) {
    const classic = /^Step \d+\/\d+ : (.*)$/.exec(line);
    if (classic) {
      current = { instruction: classic[1], cached: false };
      steps.push(current);
      continue;
    }
    if (current && /^ ---> Using cache/.test(line)) current.cached = true;
    const buildkitStep = /^#(\d+) \[[^\]]+\] (.*)$/.exec(line);
    if (buildkitStep && !byBuildkitId.has(buildkitStep[1])) {
      const step = { instruction: buildkitStep[2], cached: false };
      byBuildkitId.set(buildkitStep[1], step);
      steps.push(step);
    }
    const buildkitCached = /^#(\d+) CACHED/.exec(line);
    if (buildkitCached && byBuildkitId.has(buildkitCached[1])) byBuildkitId.get(buildkitCached[1]).cached = true;
  }
  return steps;
}

// ---------------------------------------------------------------- HTTP through the one port

async function http(method, urlPath, body) {
  const response = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

async function createPost(title) {
  const response = await http('POST', '/posts/create', { title });
  check(response.status === 201 && response.json?.title === title, `POST /posts/create answered ${response.status} ${response.text.slice(0, 200)}`);
  return response.json.id;
}

/** Creates a comment; returns its id when acknowledged (201 and present in the answer). */
async function createComment(postId, content) {
  const response = await http('POST', `/posts/${postId}/comments`, { content });
  if (response.status !== 201 || !Array.isArray(response.json)) return { acknowledged: false, detail: `${response.status} ${response.text.slice(0, 200)}` };
  const created = response.json.filter((comment) => comment.content === content);
  if (created.length !== 1) return { acknowledged: false, detail: `201 without exactly one comment "${content}"` };
  return { acknowledged: true, id: created[0].id };
}

const expectedStatus = (content) => (/orange/i.test(content) ? 'rejected' : 'approved');

/**
 * Compares the query service's view (through port 3000) with what was acknowledged:
 * every acknowledged comment exactly once, on its post, with its final status.
 */
async function differencesFromQuery(acknowledged) {
  const response = await http('GET', '/posts');
  if (response.status !== 200 || typeof response.json !== 'object') return [`GET /posts answered ${response.status}`];
  const differences = [];
  for (const [id, { postId, content }] of acknowledged) {
    const comments = response.json[postId]?.comments ?? [];
    const matches = comments.filter((comment) => comment.id === id);
    if (matches.length !== 1) differences.push(`${id} seen ${matches.length} times`);
    else if (matches[0].status !== expectedStatus(content)) differences.push(`${id} is ${matches[0].status}, expected ${expectedStatus(content)}`);
    else if (matches[0].content !== content) differences.push(`${id} has content "${matches[0].content}"`);
  }
  return differences;
}

async function waitUntilQueryShows(acknowledged, what) {
  await waitFor(what, 90_000, async () => {
    const differences = await differencesFromQuery(acknowledged);
    return { ok: differences.length === 0, detail: `${differences.length} differences, e.g. ${differences.slice(0, 5).join('; ')}` };
  });
}

/** The bus's whole log, read from inside its container: the bus has no published port. */
async function busLog() {
  const [id] = await containerIds('event-bus');
  const script = "fetch('http://127.0.0.1:4005/events').then((r) => r.text()).then((t) => process.stdout.write(t))";
  return JSON.parse(await docker(['exec', id, 'node', '-e', script]));
}

// ---------------------------------------------------------------- steps

const dockerfileOf = (service) => (service === 'client' ? 'client/Dockerfile' : `services/${service}/Dockerfile`);

/**
 * What no build can show: every Dockerfile pins the same default base image as
 * docker-compose.yml, and the six build stages share their first steps (install
 * and the shared packages' compile) word for word, which is what lets Docker run
 * them once for the whole stack.
 */
function checkDockerfiles(repo) {
  const read = (file) => readFileSync(path.join(repo, file), 'utf8');
  const composeDefault = /NODE_IMAGE: \$\{NODE_IMAGE:-([^}]+)\}/.exec(read('docker-compose.yml'))?.[1];
  const sharedPrefixes = new Set();
  for (const service of services) {
    const dockerfile = read(dockerfileOf(service));
    const pinned = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    check(pinned && /^node:\d+\.\d+\.\d+-/.test(pinned), `${dockerfileOf(service)}: NODE_IMAGE default "${pinned}" is not a pinned official node image`);
    check(pinned === composeDefault, `${dockerfileOf(service)} pins ${pinned}, docker-compose.yml ${composeDefault}`);
    const instructions = dockerfile.split('\n').filter((line) => line && !line.startsWith('#')).join('\n');
    const end = instructions.indexOf('RUN npx tsc -b packages/events packages/service-kit');
    check(end > 0, `${dockerfileOf(service)}: no shared packages compile step`);
    sharedPrefixes.add(instructions.slice(instructions.indexOf('FROM '), end));
  }
  check(sharedPrefixes.size === 1, 'the six Dockerfiles no longer share their install and packages-compile steps word for word');
  progress(`dockerfiles: one pinned base image default (${composeDefault}); the six build stages share install and packages compile`);
}

async function buildEverything() {
  progress('build: event-bus first (its dependency layers are shared by the other services)');
  await compose(['build', 'event-bus']);
  progress('build: posts, comments, query, moderation, client');
  await compose(['build', ...(composeIsV1 ? ['--parallel'] : []), 'posts', 'comments', 'query', 'moderation', 'client']);
}

async function rebuildAfterSourceEdit(repo) {
  const edited = path.join(repo, 'services/posts/src/index.ts');
  appendFileSync(edited, `\n// container test: source edit ${Date.now()}\n`);
  progress('rebuild: edited services/posts/src/index.ts, building posts again');
  const { output } = await compose(['build', 'posts']);
  const steps = cachedSteps(output);
  const installs = steps.filter((step) => /\bnpm ci\b/.test(step.instruction));
  const packagesCompile = steps.filter((step) => /\btsc -b packages\//.test(step.instruction));
  const serviceCompile = steps.filter((step) => /\btsc -b services\/posts\b/.test(step.instruction));
  check(installs.length === 2, `expected two npm ci steps in the posts build output, found ${installs.length}`);
  check(installs.every((step) => step.cached), `an npm ci step ran again after a source edit: ${installs.filter((s) => !s.cached).map((s) => s.instruction).join(' | ')}`);
  check(packagesCompile.length === 1 && packagesCompile[0].cached, 'the shared packages were compiled again although only posts changed');
  check(serviceCompile.length === 1 && !serviceCompile[0].cached, 'the posts compile came from the cache although its source changed');
  progress('rebuild: both npm ci steps and the shared packages compile came from the cache; only posts compiled again');
}

async function imageOf(service) {
  for (const name of [`${project}_${service}`, `${project}-${service}`]) {
    const { code } = await run('docker', ['image', 'inspect', name], { allowFailure: true });
    if (code === 0) return name;
  }
  throw new TestFailure(`no image for ${service}`);
}

/** Runs inside each runtime image: lists what must not be there. */
const imageContentsScript = `
const fs = require('fs'), path = require('path');
const problems = [];
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name === 'node_modules') continue;
    if (entry.isDirectory()) {
      if (['src', 'test', 'tests', '__tests__', 'e2e', 'server'].includes(entry.name)) problems.push('directory ' + full);
      walk(full);
    } else if (/\\.(ts|tsx|mts|cts)$/.test(entry.name) && !/\\.d\\.[mc]?ts$/.test(entry.name)) problems.push('TypeScript source ' + full);
    else if (/\\.(test|spec)\\.[cm]?js$/.test(entry.name)) problems.push('test file ' + full);
  }
}
walk('/app');
const manifests = [path.join('/app', 'package.json')];
for (const group of ['packages', 'services']) for (const name of fs.readdirSync(path.join('/app', group))) manifests.push(path.join('/app', group, name, 'package.json'));
manifests.push('/app/client/package.json', '/app/tools/package.json');
for (const manifest of manifests) {
  if (!fs.existsSync(manifest)) continue;
  for (const dependency of Object.keys(JSON.parse(fs.readFileSync(manifest, 'utf8')).devDependencies ?? {})) {
    if (fs.existsSync(path.join('/app/node_modules', dependency))) problems.push('dev dependency ' + dependency + ' (from ' + manifest + ')');
  }
}
process.stdout.write(JSON.stringify(problems));
`;

async function checkImages() {
  const rows = [];
  for (const service of services) {
    const image = await imageOf(service);
    const [user, size, command] = (await inspect(image, '{{.Config.User}}|{{.Size}}|{{json .Config.Cmd}}')).split('|');
    check(user === 'node', `${service}: image runs as "${user}", not node`);
    const cmd = JSON.parse(command);
    check(cmd[0] === 'node' && /dist(-server)?\/index\.js$/.test(cmd[1] ?? ''), `${service}: CMD is ${command}, not node …/dist/index.js`);
    const problems = JSON.parse(await docker(['run', '--rm', '--entrypoint', 'node', image, '-e', imageContentsScript]));
    check(problems.length === 0, `${service}: the runtime image holds ${problems.slice(0, 10).join(', ')}`);
    rows.push(`${service.padEnd(11)} ${(Number(size) / 1e6).toFixed(0).padStart(4)} MB  ${image}`);
  }
  progress(`images: run as node, CMD node …/index.js, no TypeScript sources, tests or dev dependencies\n${rows.map((row) => `    ${row}`).join('\n')}`);
}

async function startStack() {
  progress(`up: ${commentsReplicas} comments replicas, host port ${port} → client:3000`);
  await compose(['up', '-d', '--scale', `comments=${commentsReplicas}`]);
  await waitUntilAllHealthy(services.length - 1 + commentsReplicas);
  const ids = await containerIds();
  const published = [];
  for (const id of ids) {
    const bindings = JSON.parse(await inspect(id, '{{json .NetworkSettings.Ports}}')) ?? {};
    for (const [containerPort, hostBindings] of Object.entries(bindings)) {
      if (hostBindings?.length) published.push(`${await inspect(id, '{{.Name}}')} ${containerPort}`);
    }
  }
  check(published.length === 1 && /client.* 3000\/tcp$/.test(published[0]), `published ports should be the client's 3000 alone, are: ${published.join(', ')}`);
  progress(`up: all ${ids.length} containers healthy; only the client's port 3000 is published`);
}

async function courseFlowAndBurst(acknowledged) {
  const home = await http('GET', '/');
  check(home.status === 200 && home.contentType.includes('text/html'), `GET / answered ${home.status} ${home.contentType}`);

  const postId = await createPost('Containers, the course way');
  for (const content of ['First comment from the container test', 'I would rather have an ORANGE']) {
    const result = await createComment(postId, content);
    check(result.acknowledged, `course flow comment "${content}" not acknowledged: ${result.detail}`);
    acknowledged.set(result.id, { postId, content });
  }
  await waitUntilQueryShows(acknowledged, 'the course flow to show one approved and one rejected comment');
  progress('course flow: post created, one comment approved, one with "orange" rejected, all through port 3000');

  const postIds = [postId];
  for (let i = 1; i <= 4; i += 1) postIds.push(await createPost(`Burst post ${i}`));
  const started = Date.now();
  let next = 0;
  const failures = [];
  async function worker() {
    while (next < burstSize) {
      const index = next;
      next += 1;
      const content = index % 4 === 0 ? `burst comment ${index}: Orange is not allowed` : `burst comment ${index}: fine`;
      const target = postIds[index % postIds.length];
      const result = await createComment(target, content).catch((error) => ({ acknowledged: false, detail: error.message }));
      if (result.acknowledged) acknowledged.set(result.id, { postId: target, content });
      else failures.push(`#${index}: ${result.detail}`);
    }
  }
  await Promise.all(Array.from({ length: burstConcurrency }, worker));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  check(failures.length === 0, `${failures.length} of ${burstSize} burst comments were not acknowledged, e.g. ${failures.slice(0, 5).join('; ')}`);
  progress(`burst: ${burstSize} comments acknowledged in ${seconds} s (${burstConcurrency} at a time, 5 posts)`);
  await waitUntilQueryShows(acknowledged, 'every acknowledged comment in the query service with its final status');
  progress(`burst: all ${acknowledged.size} acknowledged comments visible exactly once with their final status`);
}

async function busIsNotReachable() {
  const marker = `smuggled through port 3000 ${Date.now()}`;
  const before = await busLog();
  const posted = await http('POST', '/events', { type: 'PostCreated', data: { id: `smuggled-${Date.now()}`, title: marker } });
  check(posted.status >= 400, `POST /events on port 3000 answered ${posted.status}`);
  const read = await http('GET', '/events');
  const looksLikeTheLog = Array.isArray(read.json) && read.json.some((event) => event && typeof event === 'object' && 'seq' in event);
  check(!looksLikeTheLog, 'GET /events on port 3000 returned the bus log');
  await sleep(1000);
  const after = await busLog();
  check(!JSON.stringify(after).includes(marker) && after.length === before.length, 'an event sent to port 3000 reached the bus');
  progress(`isolation: POST /events on port 3000 answered ${posted.status}; the bus log is unchanged (${after.length} events)`);
}

async function busRestartKeepsHistory(acknowledged) {
  const before = await busLog();
  progress(`restart: event-bus holds ${before.length} events; restarting its container`);
  await compose(['restart', 'event-bus']);
  await waitUntilAllHealthy(services.length - 1 + commentsReplicas);
  const after = await busLog();
  const beforeIds = before.map((event) => `${event.seq}:${event.id}`);
  const afterIds = after.slice(0, before.length).map((event) => `${event.seq}:${event.id}`);
  check(JSON.stringify(beforeIds) === JSON.stringify(afterIds), `the bus log changed across a restart (${before.length} events before, ${after.length} after)`);

  const [postId] = [...acknowledged.values()].map((entry) => entry.postId);
  const result = await createComment(postId, 'written after the bus restarted');
  check(result.acknowledged, `a comment after the bus restart was not acknowledged: ${result.detail}`);
  acknowledged.set(result.id, { postId, content: 'written after the bus restarted' });
  await waitUntilQueryShows(acknowledged, 'the comment written after the bus restart to be approved');
  progress(`restart: all ${before.length} events intact in order (volume); the stack keeps working after it`);
}

/**
 * Stops the stack while comments are being written, so that draining is tested
 * with requests in flight: whatever was acknowledged before the client went away
 * must still be there after the next start (checked by startAgainLosesNothing).
 */
async function stopUnderWritesWithExitCodeZero(acknowledged) {
  const ids = await containerIds();
  const [postId] = [...acknowledged.values()].map((entry) => entry.postId);
  let stopped = false;
  let acknowledgedDuringStop = 0;
  const writer = async (writerIndex) => {
    for (let i = 0; !stopped; i += 1) {
      const content = `written while stopping ${writerIndex}-${i}`;
      const result = await createComment(postId, content).catch(() => ({ acknowledged: false }));
      if (result.acknowledged) {
        acknowledged.set(result.id, { postId, content });
        acknowledgedDuringStop += 1;
      } else await sleep(50);
    }
  };
  const writers = Array.from({ length: 10 }, (_, index) => writer(index));
  await sleep(1000);
  const started = Date.now();
  await compose(['stop']);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  stopped = true;
  await Promise.all(writers);
  const states = await Promise.all(ids.map((id) => inspect(id, '{{.Name}} {{.State.ExitCode}} {{.State.OOMKilled}}')));
  const notClean = states.filter((state) => !state.endsWith(' 0 false'));
  check(notClean.length === 0, `containers that did not exit 0 on stop: ${notClean.join(', ')}`);
  check(acknowledgedDuringStop > 0, 'no comment was acknowledged while the stack was being stopped: the stop was not under load');
  progress(`stop: ${ids.length} containers stopped in ${seconds} s under writes (${acknowledgedDuringStop} comments acknowledged meanwhile), every exit code 0`);
}

async function startAgainLosesNothing(acknowledged) {
  await compose(['start']);
  await waitUntilAllHealthy(services.length - 1 + commentsReplicas);
  await waitUntilQueryShows(acknowledged, 'every acknowledged comment after stop and start');
  progress(`start: after stop and start, all ${acknowledged.size} acknowledged comments are still there exactly once`);
}

// ---------------------------------------------------------------- main

async function freePort() {
  if (process.env.BLOG_PORT) return Number(process.env.BLOG_PORT);
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: chosen } = server.address();
      server.close(() => resolve(chosen));
    });
  });
}

let cleanedUp = false;
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  progress('down -v: removing containers, network and the bus volume');
  await compose(['down', '-v', '--remove-orphans'], { allowFailure: true }).catch(() => undefined);
  rmSync(path.join(workDir, 'repo'), { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    progress(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  writeFileSync(logFile, '');
  port = await freePort();
  const { output: version } = await run(composeCommand[0], [...composeCommand.slice(1), 'version', '--short'], { allowFailure: true });
  composeIsV1 = /^1\./.test(version.trim());
  progress(`working copy and full log in ${workDir}`);
  const repo = await copyWorkingTree();
  composeDirectory = repo;
  await compose(['down', '-v', '--remove-orphans'], { allowFailure: true });

  const acknowledged = new Map();
  try {
    checkDockerfiles(repo);
    await buildEverything();
    await rebuildAfterSourceEdit(repo);
    await checkImages();
    await startStack();
    await courseFlowAndBurst(acknowledged);
    await busIsNotReachable();
    await busRestartKeepsHistory(acknowledged);
    await stopUnderWritesWithExitCodeZero(acknowledged);
    await startAgainLosesNothing(acknowledged);
  } catch (error) {
    progress(`FAILED: ${error instanceof TestFailure ? error.message : error.stack}`);
    const { output: logs } = await compose(['logs', '--no-color', '--tail', '30'], { allowFailure: true }).catch(() => ({ output: '' }));
    if (logs) process.stdout.write(`---- last container logs ----\n${logs}\n`);
    progress(`full log: ${logFile}`);
    await cleanUp();
    process.exit(1);
  }
  await cleanUp();
  progress('PASSED');
}

await main();
