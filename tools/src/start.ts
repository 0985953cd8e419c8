/**
 * `npm start`: the whole stack as plain processes on the course ports, with
 * each line prefixed by its service, data kept in `.data/` across restarts.
 * `<SERVICE>_WORKERS=3` (e.g. COMMENTS_WORKERS=3) runs that many workers of a
 * service on its one port. Ctrl-C stops everything cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { coursePorts, entryPoint, repoRoot, serviceNames, startStack, type ServiceName } from './stack';

const colours = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m', '\x1b[31m'];
const reset = '\x1b[0m';
const useColour = process.stdout.isTTY;
const width = Math.max(...serviceNames.map((name) => name.length));

function prefix(name: ServiceName): string {
  const label = name.padEnd(width);
  return useColour ? `${colours[serviceNames.indexOf(name)]}${label}${reset} |` : `${label} |`;
}

/** Pino's JSON lines, shortened for a terminal: level, message and the interesting fields. */
function readable(line: string): string {
  try {
    const { level, time: _time, pid: _pid, name: _name, service: _service, hostname: _hostname, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const levelName = ({ 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' } as Record<string, string>)[String(level)] ?? '';
    const details = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return `${levelName.padEnd(5)} ${String(msg)}${details}`;
  } catch {
    return line;
  }
}

function workersFromEnvironment(): Partial<Record<ServiceName, number>> {
  const workers: Partial<Record<ServiceName, number>> = {};
  for (const name of serviceNames) {
    const key = `${name.toUpperCase().replace('-', '_')}_WORKERS`;
    const value = process.env[key];
    if (value === undefined) continue;
    const count = Number(value);
    if (!Number.isInteger(count) || count < 1 || count > 64) {
      process.stderr.write(`${key} must be a whole number from 1 to 64 (got "${value}")\n`);
      process.exit(1);
    }
    workers[name] = count;
  }
  return workers;
}

async function main() {
  const dataDir = process.env.DATA_DIR ?? path.join(repoRoot, '.data', 'event-bus');
  const withClient = fs.existsSync(entryPoint('client'));
  const workers = workersFromEnvironment();
  process.stdout.write(`starting the blog (data in ${path.relative(process.cwd(), dataDir) || dataDir})…\n`);
  const stack = await startStack({
    dataDir,
    ports: coursePorts,
    workers,
    withClient,
    onOutput: (name, line) => process.stdout.write(`${prefix(name)} ${readable(line)}\n`),
  });

  const lines = [
    '',
    'The blog is up:',
    withClient ? `  client      http://localhost:${coursePorts.client}   (open this)` : '  client      not built (run "npm run build -w @blog/client")',
    ...serviceNames
      .filter((name) => name !== 'client')
      .map((name) => `  ${name.padEnd(11)} http://localhost:${coursePorts[name]}${workers[name] ? `   (${workers[name]} workers)` : ''}`),
    '',
    'Try: curl -X POST localhost:4000/posts -H "content-type: application/json" -d \'{"title":"Hello"}\'',
    'Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stdout.write('\nstopping…\n');
      void stack.stop().then((codes) => {
        const failed = Object.entries(codes).filter(([, code]) => code !== 0);
        if (failed.length > 0) process.stdout.write(`not clean: ${failed.map(([name, code]) => `${name} exited ${code}`).join(', ')}\n`);
        else process.stdout.write('all stopped cleanly\n');
        process.exit(failed.length > 0 ? 1 : 0);
      });
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`could not start the blog: ${(error as Error).message}\n`);
  process.stderr.write('Is another copy running? Ports 3000 and 4000-4005 must be free.\n');
  process.exit(1);
});
