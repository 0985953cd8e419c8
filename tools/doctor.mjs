#!/usr/bin/env node
// @ts-check
/**
 * `npm run doctor [1|2|3|4|all]`: what this machine has and lacks for each
 * stage of docs/guide, with the fix for each missing thing. Exits 1 when the
 * chosen stage (default 1) cannot run, 2 on a bad argument, 0 otherwise.
 *
 * Why plain JavaScript (type-checked through `// @ts-check` and JSDoc) and not
 * TypeScript like the rest of tools/: the doctor is what a student runs first,
 * on a fresh clone, before `npm install` or any build. It must run on a bare
 * Node with nothing compiled and no dependency installed, so it uses only
 * Node's standard library and is never built. It avoids syntax newer than
 * Node 14 so that an old Node can still start it and be told it is too old.
 *
 * Two variables exist for the doctor's own tests: DOCTOR_PORTS (comma-separated
 * ports to check instead of the course's) and DOCTOR_HOSTS_FILE (the hosts file
 * to read instead of the system's).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** @typedef {'ok' | 'missing' | 'optional'} Status */
/** @typedef {{ status: Status, what: string, fix?: string }} Result */
/** @typedef {{ id: string, required: boolean, run: () => Promise<Result> | Result }} Check */
/** @typedef {{ title: string, checks: string[] }} Stage */

const minimumNode = [20, 19, 0];
const minimumNpmMajor = 10;
const minimumKubernetes = [1, 30];
const minimumSkaffold = [2, 15];
/** The ports `npm start` uses (tools/src/stack.ts, coursePorts): 4004 is unused, as in the course. */
const coursePorts = [3000, 4000, 4001, 4002, 4003, 4005];
const isWindows = process.platform === 'win32';

/**
 * Runs a command without a shell (except on Windows, where npm and docker are .cmd/.exe shims).
 * @param {string} command
 * @param {string[]} args
 * @param {number} [timeoutMs]
 * @returns {{ found: boolean, ok: boolean, stdout: string, stderr: string, timedOut: boolean }}
 */
function run(command, args, timeoutMs = 15000) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, shell: isWindows, windowsHide: true });
  const error = /** @type {NodeJS.ErrnoException | undefined} */ (result.error);
  const found = !(error && error.code === 'ENOENT') && !(isWindows && result.status === 1 && /not recognized/.test(result.stderr || ''));
  return {
    found,
    ok: !error && result.status === 0,
    stdout: (result.stdout || '').trim(),
    stderr: (result.stderr || '').trim(),
    timedOut: Boolean(error && error.code === 'ETIMEDOUT'),
  };
}

/**
 * Compares dotted version numbers: negative when a < b.
 * @param {number[]} a
 * @param {number[]} b
 */
function compareVersions(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const difference = (a[i] || 0) - (b[i] || 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** @param {string} text */
function versionIn(text) {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] || 0)] : undefined;
}

/** @param {string} text the first line, for messages */
function firstLine(text) {
  return text.split('\n')[0].slice(0, 200);
}

/**
 * True when nothing listens on the port (the services listen on all interfaces, so we try the same).
 * @param {number} port
 * @returns {Promise<'free' | 'in use' | 'not allowed'>}
 */
function probePort(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => resolve(error.code === 'EACCES' ? 'not allowed' : 'in use'));
    server.listen({ port }, () => server.close(() => resolve('free')));
  });
}

/** @param {number[]} ports */
async function checkPorts(ports, fixWhenTaken = '') {
  const states = await Promise.all(ports.map(async (port) => ({ port, state: await probePort(port) })));
  const taken = states.filter((entry) => entry.state !== 'free');
  if (taken.length === 0) return /** @type {Result} */ ({ status: 'ok', what: `port${ports.length > 1 ? 's' : ''} ${ports.join(', ')} free` });
  const finder = isWindows ? 'netstat -ano | findstr :PORT' : 'lsof -i :PORT (or: ss -ltnp)';
  return /** @type {Result} */ ({
    status: 'missing',
    what: taken.map((entry) => `port ${entry.port} ${entry.state}`).join(', '),
    fix:
      `something else listens there (another npm start, the course's own services, a compose stack?). Find it with ` +
      `${finder.replace('PORT', String(taken[0].port))} and stop it${fixWhenTaken}`,
  });
}

function portsToCheck() {
  const fromEnvironment = process.env.DOCTOR_PORTS;
  return fromEnvironment ? fromEnvironment.split(',').map((port) => Number(port.trim())) : coursePorts;
}

function hostsFilePath() {
  if (process.env.DOCTOR_HOSTS_FILE) return process.env.DOCTOR_HOSTS_FILE;
  return isWindows ? path.join(process.env.SystemRoot || 'C:\\Windows', 'System32', 'drivers', 'etc', 'hosts') : '/etc/hosts';
}

const dockerInstall = 'install Docker Desktop (https://docs.docker.com/get-docker/), or on Linux Docker Engine; on Debian/Ubuntu as root: infra/docker/ensure-docker-engine.sh';
const ingressInstall =
  'kind: kubectl apply -f https://kind.sigs.k8s.io/examples/ingress/deploy-ingress-nginx.yaml; ' +
  'minikube: minikube addons enable ingress; Docker Desktop or others: helm upgrade --install ingress-nginx ingress-nginx ' +
  '--repo https://kubernetes.github.io/ingress-nginx --namespace ingress-nginx --create-namespace (docs/kubernetes.md)';

/** Results are computed once even when several stages share a check. */
/** @type {Map<string, Promise<Result>>} */
const results = new Map();
/** @param {Check} check */
function resultOf(check) {
  let result = results.get(check.id);
  if (!result) {
    result = Promise.resolve(check.run());
    results.set(check.id, result);
  }
  return result;
}

/** @type {Check[]} */
const checks = [
  {
    id: 'node',
    required: true,
    run: () => {
      const version = process.versions.node;
      const parsed = versionIn(version) || [0, 0, 0];
      return compareVersions(parsed, minimumNode) >= 0
        ? { status: 'ok', what: `Node.js ${version}` }
        : { status: 'missing', what: `Node.js ${version} is too old (need ${minimumNode.join('.')} or later)`, fix: 'install Node 20 LTS (20.19 or later) or 22 from https://nodejs.org, or with nvm: nvm install 20' };
    },
  },
  {
    id: 'npm',
    required: true,
    run: () => {
      const npm = run('npm', ['--version']);
      if (!npm.found || !npm.ok) return { status: 'missing', what: 'npm not found', fix: 'npm comes with Node.js: reinstall Node from https://nodejs.org' };
      const version = versionIn(npm.stdout);
      return version && version[0] >= minimumNpmMajor
        ? { status: 'ok', what: `npm ${npm.stdout}` }
        : { status: 'missing', what: `npm ${npm.stdout} is too old (need ${minimumNpmMajor} or later)`, fix: 'npm install -g npm@11' };
    },
  },
  {
    id: 'ports',
    required: true,
    run: () => checkPorts(portsToCheck(), '; npm start needs all of them'),
  },
  {
    id: 'docker',
    required: true,
    run: () => {
      const info = run('docker', ['info', '--format', '{{.ServerVersion}}'], 20000);
      if (!info.found) return { status: 'missing', what: 'docker not found', fix: dockerInstall };
      if (info.ok && info.stdout && !/error/i.test(info.stdout)) return { status: 'ok', what: `Docker engine ${info.stdout} answers (docker info)` };
      const why = info.timedOut ? 'did not answer within 20 s' : firstLine(info.stderr || info.stdout);
      const fix = /permission denied/i.test(why)
        ? 'let your user talk to the engine: sudo usermod -aG docker $USER, then log out and in again'
        : 'start the engine: open Docker Desktop, or sudo systemctl start docker (as root on Debian/Ubuntu: infra/docker/ensure-docker-engine.sh)';
      return { status: 'missing', what: `docker is installed but the engine does not answer: ${why}`, fix };
    },
  },
  {
    id: 'compose',
    required: true,
    run: () => {
      const plugin = run('docker', ['compose', 'version', '--short']);
      if (plugin.ok && versionIn(plugin.stdout)) return { status: 'ok', what: `Docker Compose ${plugin.stdout} (docker compose)` };
      const standalone = run('docker-compose', ['version', '--short']);
      if (standalone.ok && versionIn(standalone.stdout)) {
        return { status: 'ok', what: `Docker Compose ${standalone.stdout} (docker-compose: use "docker-compose" wherever the guide says "docker compose")` };
      }
      return { status: 'missing', what: 'neither "docker compose" nor "docker-compose" found', fix: 'Docker Desktop includes Compose; on Linux install the Compose plugin (https://docs.docker.com/compose/install/linux/) or Debian\'s docker-compose' };
    },
  },
  {
    id: 'compose-port',
    required: true,
    run: () => {
      const port = Number(process.env.BLOG_PORT || (process.env.DOCTOR_PORTS ? portsToCheck()[0] : 3000));
      return checkPorts([port], ', or publish the client elsewhere: BLOG_PORT=3001 docker compose up --build');
    },
  },
  {
    id: 'kubectl',
    required: true,
    run: () => {
      const kubectl = run('kubectl', ['version', '--client', '-o', 'json']);
      if (!kubectl.found || !kubectl.ok) return { status: 'missing', what: 'kubectl not found', fix: 'install kubectl: https://kubernetes.io/docs/tasks/tools/ (Docker Desktop ships one)' };
      let version = 'unknown version';
      try {
        version = JSON.parse(kubectl.stdout).clientVersion.gitVersion;
      } catch {
        // Older kubectl without -o json: the version is not needed to go on.
      }
      return { status: 'ok', what: `kubectl ${version}` };
    },
  },
  {
    id: 'context',
    required: true,
    run: async () => {
      if ((await resultOf(checkById('kubectl'))).status !== 'ok') return { status: 'missing', what: 'no context (kubectl is missing)', fix: 'install kubectl first' };
      const context = run('kubectl', ['config', 'current-context']);
      if (!context.ok || !context.stdout) {
        return {
          status: 'missing',
          what: 'kubectl has no current context',
          fix: 'create a local cluster (kind create cluster, minikube start, or enable Kubernetes in Docker Desktop), or pick one: kubectl config use-context <name>',
        };
      }
      const server = run('kubectl', ['version', '-o', 'json', '--request-timeout=5s'], 20000);
      let serverVersion;
      try {
        serverVersion = JSON.parse(server.stdout).serverVersion;
      } catch {
        serverVersion = undefined;
      }
      if (!serverVersion) {
        return { status: 'missing', what: `context "${context.stdout}" set, but its cluster does not answer`, fix: 'start the cluster (Docker Desktop, minikube start, or check kind get clusters)' };
      }
      const parsed = versionIn(serverVersion.gitVersion || '') || [0, 0];
      if (compareVersions(parsed, minimumKubernetes) < 0) {
        return { status: 'missing', what: `context "${context.stdout}": Kubernetes ${serverVersion.gitVersion} is too old`, fix: `use Kubernetes ${minimumKubernetes.join('.')} or newer (the containers' preStop uses the built-in sleep action)` };
      }
      return { status: 'ok', what: `context "${context.stdout}", Kubernetes ${serverVersion.gitVersion} answers` };
    },
  },
  {
    id: 'ingress',
    required: true,
    run: async () => {
      if ((await resultOf(checkById('context'))).status !== 'ok') return { status: 'missing', what: 'not checked (needs a cluster that answers)', fix: `once the cluster answers, install ingress-nginx: ${ingressInstall}` };
      const ingressClass = run('kubectl', ['get', 'ingressclass', 'nginx', '-o', 'name', '--request-timeout=5s'], 20000);
      const pods = run('kubectl', ['get', 'pods', '-n', 'ingress-nginx', '-l', 'app.kubernetes.io/component=controller', '-o', 'jsonpath={.items[*].status.phase}', '--request-timeout=5s'], 20000);
      const running = pods.ok && pods.stdout.split(/\s+/).includes('Running');
      if (ingressClass.ok && running) return { status: 'ok', what: 'IngressClass nginx, controller running in namespace ingress-nginx' };
      const lacking = [!ingressClass.ok && 'no IngressClass "nginx"', !running && 'no running controller pod in namespace ingress-nginx'].filter(Boolean).join(', ');
      return { status: 'missing', what: lacking, fix: `install it: ${ingressInstall}; then wait: kubectl wait -n ingress-nginx --for=condition=ready pod -l app.kubernetes.io/component=controller --timeout=120s` };
    },
  },
  {
    id: 'hosts',
    required: true,
    run: () => {
      const file = hostsFilePath();
      let text = '';
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        return { status: 'missing', what: `cannot read ${file}: ${/** @type {Error} */ (error).message}`, fix: `add the line "127.0.0.1 posts.com" to ${file}` };
      }
      const line = text
        .split(/\r?\n/)
        .map((entry) => entry.replace(/#.*/, '').trim())
        .find((entry) => entry.split(/\s+/).slice(1).some((name) => name.toLowerCase() === 'posts.com'));
      return line
        ? { status: 'ok', what: `${file}: ${line}` }
        : {
            status: 'missing',
            what: `no posts.com line in ${file}`,
            fix: `add "127.0.0.1 posts.com" to ${file} (as administrator/root; with minikube use the address "minikube ip" prints, or run minikube tunnel)`,
          };
    },
  },
  {
    id: 'skaffold',
    required: false,
    run: () => {
      const skaffold = run('skaffold', ['version']);
      const fix = `install skaffold ${minimumSkaffold.join('.')}+ (https://skaffold.dev/docs/install/) for the dev loop; without it, build the images and kubectl apply -k infra/k8s (docs/kubernetes.md)`;
      if (!skaffold.found || !skaffold.ok) return { status: 'optional', what: 'skaffold not found', fix };
      const version = versionIn(skaffold.stdout) || [0, 0];
      return compareVersions(version, minimumSkaffold) >= 0 ? { status: 'ok', what: `skaffold ${skaffold.stdout}` } : { status: 'optional', what: `skaffold ${skaffold.stdout} is too old`, fix };
    },
  },
];

/** @param {string} id */
function checkById(id) {
  const check = checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

/** @type {Record<string, Stage>} */
const stages = {
  1: { title: 'the services as plain processes (npm start)', checks: ['node', 'npm', 'ports'] },
  2: { title: 'one service in one container (docker build, docker run)', checks: ['node', 'npm', 'docker'] },
  3: { title: 'the whole blog with Docker Compose', checks: ['node', 'npm', 'docker', 'compose', 'compose-port'] },
  4: { title: 'Kubernetes with the Ingress and skaffold', checks: ['node', 'npm', 'docker', 'kubectl', 'context', 'ingress', 'hosts', 'skaffold'] },
};

const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
/** @param {Status} status */
function badge(status) {
  const text = { ok: 'ok      ', missing: 'MISSING ', optional: 'optional' }[status];
  if (!useColour) return text;
  const colour = { ok: '\x1b[32m', missing: '\x1b[31m', optional: '\x1b[33m' }[status];
  return `${colour}${text}\x1b[0m`;
}

const usage = 'usage: npm run doctor [1|2|3|4|all]   (default 1; the stages of docs/guide)';

async function main() {
  const argument = process.argv[2] || '1';
  if (argument === '-h' || argument === '--help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const chosen = argument === 'all' ? Object.keys(stages) : [argument];
  if (!chosen.every((stage) => stage in stages) || process.argv.length > 3) {
    process.stderr.write(`unknown stage "${process.argv.slice(2).join(' ')}"\n${usage}\n`);
    return 2;
  }

  const verdicts = [];
  for (const stage of chosen) {
    const { title, checks: ids } = stages[stage];
    process.stdout.write(`\nStage ${stage}: ${title}\n`);
    let ready = true;
    for (const id of ids) {
      const check = checkById(id);
      const result = await resultOf(check);
      if (result.status === 'missing' && check.required) ready = false;
      process.stdout.write(`  ${badge(result.status)} ${result.what}\n`);
      if (result.fix && result.status !== 'ok') process.stdout.write(`           fix: ${result.fix}\n`);
    }
    verdicts.push({ stage, ready });
    process.stdout.write(ready ? `  => stage ${stage} can run (docs/guide)\n` : `  => stage ${stage} cannot run yet: fix what is MISSING above\n`);
  }
  return verdicts.every((verdict) => verdict.ready) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`doctor failed: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
