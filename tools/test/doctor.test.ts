/**
 * `npm run doctor` (tools/doctor.mjs): run for real as a child process, with a
 * PATH that lacks Docker and kubectl, ports we occupy, and hosts files we write.
 */
import { execFile, execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { coursePorts, freePort, repoRoot } from '../src/stack';

jest.setTimeout(60_000);

const doctor = path.join(repoRoot, 'tools', 'doctor.mjs');

interface DoctorRun {
  code: number;
  output: string;
}

/** Runs the doctor with exactly this environment (plus HOME), like `npm run doctor <stage>` would. */
function runDoctor(args: string[], env: Record<string, string>): Promise<DoctorRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [doctor, ...args], { env: { HOME: process.env.HOME ?? os.tmpdir(), NO_COLOR: '1', ...env }, timeout: 50_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** A folder holding only `node` and `npm`: a machine with Node and nothing else. */
function pathWithOnlyNode(): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-bin-'));
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  // npm's own script (its shebang finds `node` through this PATH), wherever this machine installed it.
  const npm = fs.realpathSync(execSync('command -v npm', { shell: '/bin/sh' }).toString().trim());
  fs.symlinkSync(npm, path.join(bin, 'npm'));
  return bin;
}

function hostsFile(content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-hosts-')), 'hosts');
  fs.writeFileSync(file, content);
  return file;
}

/** Listens on a port until closed: something else using a course port. */
async function occupyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('npm run doctor', () => {
  let onlyNode: string;
  let freePorts: string;

  beforeAll(async () => {
    onlyNode = pathWithOnlyNode();
    freePorts = `${await freePort()},${await freePort()}`;
  });

  it('npm run doctor, when run without a stage, checks stage 1 and exits 0 on a machine with only Node and free ports', async () => {
    // Arrange: nothing but node and npm on PATH.
    const env = { PATH: onlyNode, DOCTOR_PORTS: freePorts };

    // Act
    const run = await runDoctor([], env);

    // Assert
    expect(run.output).toContain('Stage 1: the services as plain processes (npm start)');
    expect(run.output).toMatch(/ok +Node\.js 20\.|ok +Node\.js 2[1-9]\./);
    expect(run.output).toMatch(/ok +npm \d+\./);
    expect(run.output).toContain('=> stage 1 can run');
    expect(run.code).toBe(0);
  });

  it('npm run doctor 3, when docker is not on PATH, says docker is missing with the fix and exits 1', async () => {
    // Arrange
    const env = { PATH: onlyNode, DOCTOR_PORTS: freePorts };

    // Act
    const run = await runDoctor(['3'], env);

    // Assert
    expect(run.output).toMatch(/MISSING +docker not found\n +fix: install Docker Desktop \(https:\/\/docs\.docker\.com\/get-docker\/\)/);
    expect(run.output).toMatch(/MISSING +neither "docker compose" nor "docker-compose" found\n +fix: /);
    expect(run.output).toContain('=> stage 3 cannot run yet');
    expect(run.code).toBe(1);
  });

  it('npm run doctor 4, when kubectl is not on PATH and the hosts file lacks posts.com, names each fix and exits 1', async () => {
    // Arrange
    const env = { PATH: onlyNode, DOCTOR_HOSTS_FILE: hostsFile('127.0.0.1 localhost\n# 127.0.0.1 posts.com\n') };

    // Act
    const run = await runDoctor(['4'], env);

    // Assert
    expect(run.output).toMatch(/MISSING +kubectl not found\n +fix: install kubectl: https:\/\/kubernetes\.io\/docs\/tasks\/tools\//);
    expect(run.output).toMatch(/MISSING +not checked \(needs a cluster that answers\)\n +fix: once the cluster answers, install ingress-nginx: .*minikube addons enable ingress/);
    expect(run.output).toMatch(/MISSING +no posts\.com line in .*\n +fix: add "127\.0\.0\.1 posts\.com"/);
    expect(run.output).toMatch(/optional +skaffold not found\n +fix: install skaffold 2\.15\+/);
    expect(run.code).toBe(1);
  });

  it('npm run doctor 4, when the hosts file has a posts.com line, reports that line as ok', async () => {
    // Arrange
    const env = { PATH: onlyNode, DOCTOR_HOSTS_FILE: hostsFile('127.0.0.1 localhost\n127.0.0.1   blog.test posts.com # the course\n') };

    // Act
    const run = await runDoctor(['4'], env);

    // Assert
    expect(run.output).toMatch(/ok +.*hosts: 127\.0\.0\.1 +blog\.test posts\.com\n/);
  });

  it('npm run doctor 1, when one of its ports is taken, reports that port with how to find what holds it and exits 1', async () => {
    // Arrange
    const taken = await occupyPort();
    const free = await freePort();
    try {
      // Act
      const run = await runDoctor(['1'], { PATH: onlyNode, DOCTOR_PORTS: `${free},${taken.port}` });

      // Assert
      expect(run.output).toMatch(new RegExp(`MISSING +port ${taken.port} in use\\n +fix: .*lsof -i :${taken.port}`));
      expect(run.output).not.toContain(`port ${free} in use`);
      expect(run.output).toContain('=> stage 1 cannot run yet');
      expect(run.code).toBe(1);
    } finally {
      await taken.close();
    }
  });

  it('npm run doctor all, when docker is missing, reports every stage and exits 1 although stage 1 can run', async () => {
    // Arrange
    const env = { PATH: onlyNode, DOCTOR_PORTS: freePorts };

    // Act
    const run = await runDoctor(['all'], env);

    // Assert
    for (const stage of ['1', '2', '3', '4']) expect(run.output).toContain(`Stage ${stage}: `);
    expect(run.output).toContain('=> stage 1 can run');
    expect(run.output).toContain('=> stage 2 cannot run yet');
    expect(run.code).toBe(1);
  });

  it('npm run doctor, when given an unknown stage, prints the usage and exits 2', async () => {
    // Act
    const run = await runDoctor(['5'], { PATH: onlyNode });

    // Assert
    expect(run.output).toContain('usage: npm run doctor [1|2|3|4|all]');
    expect(run.code).toBe(2);
  });

  it('the doctor, when it checks the course ports, checks exactly the ports npm start uses', () => {
    // Arrange: the doctor cannot import stack.ts (it runs before any build), so it keeps its own copy.
    const source = fs.readFileSync(doctor, 'utf8');

    // Act
    const listed = /const coursePorts = \[([\d, ]+)\];/.exec(source)?.[1]?.split(',').map((port) => Number(port.trim()));

    // Assert
    expect(listed?.sort()).toEqual(Object.values(coursePorts).sort());
  });

  it('the doctor, when type-checked as JavaScript with its JSDoc types (strict), has no errors', async () => {
    // Arrange: it is plain JavaScript so it runs unbuilt; `// @ts-check` only helps if something checks it.
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [tsc, '--noEmit', '--allowJs', '--checkJs', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--skipLibCheck', doctor];

    // Act
    const result = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(process.execPath, args, { cwd: repoRoot, timeout: 50_000 }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` })),
    );

    // Assert
    expect(fs.readFileSync(doctor, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n\/\/ @ts-check\n/);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });
});
