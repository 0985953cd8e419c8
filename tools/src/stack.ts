import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The processes of the stack, in start order: the bus first, the client last. */
export const serviceNames = ['event-bus', 'posts', 'comments', 'query', 'moderation', 'client'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** The course's ports. */
export const coursePorts: Record<ServiceName, number> = {
  posts: 4000,
  comments: 4001,
  query: 4002,
  moderation: 4003,
  'event-bus': 4005,
  client: 3000,
};

/**
 * V8 sizes its heap from the machine's memory (gigabytes here) and lets it
 * grow far past what a service keeps alive before collecting; in a container
 * with a memory limit that is wasted memory at best and an OOM kill at worst.
 * Every service runs with its heap sized for its container (256 Mi) instead:
 * measured with `npm run bench -- --only memory`, resident memory after
 * 100,000 events fell from 160–195 MB to 74–124 MB with no loss of throughput
 * (docs/performance.md). The Dockerfiles set the same NODE_OPTIONS (a test
 * compares them).
 */
export const serviceNodeOptions = '--max-old-space-size=128 --max-semi-space-size=4';

/** serviceNodeOptions followed by a caller's own flags (a profiler preload, flags to compare), which win. */
export const withServiceNodeOptions = (extra?: string) => [serviceNodeOptions, extra].filter(Boolean).join(' ');

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Where each process's compiled entry point is. */
export function entryPoint(name: ServiceName): string {
  return name === 'client' ? path.join(repoRoot, 'client', 'dist-server', 'index.js') : path.join(repoRoot, 'services', name, 'dist', 'index.js');
}

export interface StackOptions {
  /** The bus's data folder. */
  dataDir: string;
  /** Fixed ports; the others get free ones. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Worker processes per service (Node's cluster module). */
  workers?: Partial<Record<ServiceName, number>>;
  /** Start the client's server too (needs `npm run build` of the client). */
  withClient?: boolean;
  /** Each line a process prints; by default lines are dropped unless `logDir` is set. */
  onOutput?: (name: ServiceName, line: string) => void;
  /** Appends each process's output to `<logDir>/<name>.log`. */
  logDir?: string;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** How long to wait for `/readyz`. */
  readyTimeoutMs?: number;
}

export interface RunningStack {
  urls: Record<ServiceName, string>;
  ports: Record<ServiceName, number>;
  names: ServiceName[];
  /** Sends a signal and waits for the process to exit; returns its exit code (null when killed by a signal). */
  kill(name: ServiceName, signal?: NodeJS.Signals): Promise<number | null>;
  /** Sends a signal without waiting (SIGSTOP / SIGCONT). */
  signal(name: ServiceName, signal: NodeJS.Signals): void;
  /** Starts a stopped process again and waits until it is ready. */
  restart(name: ServiceName): Promise<void>;
  waitReady(name: ServiceName): Promise<void>;
  /** The operating-system process id of a running process (the primary, when it runs workers); undefined when it is not running. */
  pid(name: ServiceName): number | undefined;
  /** SIGTERM to everything, clients first, the bus last; returns each exit code. */
  stop(): Promise<Partial<Record<ServiceName, number | null>>>;
}

/** Asks the OS for a free port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `GET /readyz` until it answers 200. */
export async function waitForReady(url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`${url} exited before it was ready (${last})`);
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
      last = `readyz answered ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/** The environment each process gets: its port and how to reach the others. */
export function environmentFor(name: ServiceName, ports: Record<ServiceName, number>, options: StackOptions): NodeJS.ProcessEnv {
  const local = (service: ServiceName) => `http://127.0.0.1:${ports[service]}`;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...options.env,
    NODE_OPTIONS: withServiceNodeOptions(options.env?.NODE_OPTIONS),
    PORT: String(ports[name]),
    EVENT_BUS_URL: local('event-bus'),
    DATA_DIR: options.dataDir,
    WORKERS: String(options.workers?.[name] ?? 1),
    SUBSCRIBER_URL: `${local(name)}/events`,
    POSTS_URL: local('posts'),
    COMMENTS_URL: local('comments'),
    QUERY_URL: local('query'),
  };
}

/**
 * Starts the real processes (`node <service>/dist/index.js`) on loopback and
 * waits until each is ready. Used by `npm start`, the integration, fault and
 * browser tests, the load test and the benchmark.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const names = serviceNames.filter((name) => name !== 'client' || options.withClient);
  const ports = {} as Record<ServiceName, number>;
  for (const name of serviceNames) ports[name] = options.ports?.[name] ?? (await freePort());
  const urls = Object.fromEntries(serviceNames.map((name) => [name, `http://127.0.0.1:${ports[name]}`])) as Record<ServiceName, string>;
  const children = new Map<ServiceName, ChildProcess>();
  const exits = new Map<ServiceName, Promise<number | null>>();
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  if (options.logDir) fs.mkdirSync(options.logDir, { recursive: true });

  const launch = (name: ServiceName) => {
    const entry = entryPoint(name);
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
    const child = spawn(process.execPath, [entry], { env: environmentFor(name, ports, options), stdio: ['ignore', 'pipe', 'pipe'] });
    const logFile = options.logDir ? fs.createWriteStream(path.join(options.logDir, `${name}.log`), { flags: 'a' }) : undefined;
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffered = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        logFile?.write(chunk);
        if (!options.onOutput) return;
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) options.onOutput(name, line);
      });
    }
    children.set(name, child);
    exits.set(
      name,
      new Promise((resolve) =>
        child.once('exit', (code) => {
          logFile?.end();
          resolve(code);
        }),
      ),
    );
  };
  const isAlive = (name: ServiceName) => children.get(name)?.exitCode === null && children.get(name)?.signalCode === null;
  const waitReady = (name: ServiceName) => waitForReady(urls[name], readyTimeoutMs, () => isAlive(name));

  const kill = async (name: ServiceName, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = children.get(name);
    if (!child || !isAlive(name)) return exits.get(name) ?? null;
    child.kill(signal);
    return exits.get(name)!;
  };

  const stack: RunningStack = {
    urls,
    ports,
    names,
    kill,
    signal: (name, signal) => void children.get(name)?.kill(signal),
    async restart(name) {
      if (isAlive(name)) throw new Error(`${name} is still running`);
      launch(name);
      await waitReady(name);
    },
    waitReady,
    pid: (name) => (isAlive(name) ? children.get(name)?.pid : undefined),
    async stop() {
      const codes: Partial<Record<ServiceName, number | null>> = {};
      const front = names.filter((name) => name !== 'event-bus');
      await Promise.all(front.map(async (name) => void (codes[name] = await kill(name))));
      codes['event-bus'] = await kill('event-bus');
      return codes;
    },
  };

  try {
    launch('event-bus');
    await waitReady('event-bus');
    for (const name of names.filter((n) => n !== 'event-bus')) launch(name);
    await Promise.all(names.map(waitReady));
  } catch (error) {
    for (const name of names) children.get(name)?.kill('SIGKILL');
    throw error;
  }
  return stack;
}
