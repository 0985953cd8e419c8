import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * The compiled CLI against a fake blog whose faults we choose, so that each
 * verdict (and its exit code) is provoked on purpose rather than hoped for.
 */
type Fault = 'none' | 'loses-every-tenth' | 'duplicates-one' | 'approves-everything' | 'never-moderates';

const cli = path.resolve(__dirname, '..', 'dist', 'loadtest', 'cli.js');

function fakeBlog(fault: Fault): Promise<{ url: string; close: () => Promise<void> }> {
  const posts = new Map<string, { id: string; title: string; comments: Array<{ id: string; content: string; status: string }> }>();
  let commentCount = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const commentsPath = /^\/posts\/([^/]+)\/comments$/.exec(req.url ?? '');
      if (req.method === 'POST' && req.url === '/posts/create') {
        const post = { id: `p${posts.size}`, title: (JSON.parse(body) as { title: string }).title, comments: [] };
        posts.set(post.id, post);
        return send(201, { id: post.id, title: post.title });
      }
      if (req.method === 'POST' && commentsPath) {
        const post = posts.get(commentsPath[1]!);
        if (!post) return send(404, { errors: [{ message: 'no such post' }] });
        const { content } = JSON.parse(body) as { content: string };
        const n = commentCount++;
        const comment = { id: `c${n}`, content, status: 'pending' };
        const moderated = fault === 'approves-everything' ? 'approved' : /orange/i.test(content) ? 'rejected' : 'approved';
        const stored = { ...comment, status: fault === 'never-moderates' ? 'pending' : moderated };
        if (!(fault === 'loses-every-tenth' && n % 10 === 9)) post.comments.push(stored);
        if (fault === 'duplicates-one' && n === 3) post.comments.push({ ...stored });
        return send(201, [...post.comments.filter((c) => c.id !== comment.id), comment]);
      }
      if (req.method === 'GET' && req.url === '/posts') return send(200, Object.fromEntries(posts));
      return send(404, { errors: [{ message: 'no route' }] });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run loadtest (compiled CLI)', () => {
  beforeAll(() => {
    if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
  });

  it('loadtest, when the stack keeps every comment, prints the numbers as JSON and exits 0', async () => {
    // Arrange
    const blog = await fakeBlog('none');
    try {
      // Act
      const { code, stdout } = await runCli(['--url', blog.url, '--posts', '3', '--comments', '200', '--concurrency', '8', '--orange', '0.25', '--json', '--quiet']);

      // Assert
      const report = JSON.parse(stdout);
      expect(code).toBe(0);
      expect(report).toMatchObject({
        passed: true,
        failures: [],
        load: { posts: 3, commentsSent: 200, outcomes: { '201': 200 } },
        verdict: { acknowledged: 200, visible: 200, lost: 0, duplicated: 0, wrongStatus: 0, pending: 0 },
        convergence: { converged: true },
      });
      expect(report.load.requestsPerSecond).toBeGreaterThan(0);
      expect(report.load.latencyMs.p99).toBeGreaterThanOrEqual(report.load.latencyMs.p50);
    } finally {
      await blog.close();
    }
  });

  it.each([
    ['loses-every-tenth', { lost: 10 }, /lost/],
    ['duplicates-one', { duplicated: 1 }, /duplicated/],
    ['approves-everything', { wrongStatus: 25 }, /wrong status/],
    ['never-moderates', { pending: 100 }, /never reached a final status/],
  ] as const)('loadtest, when the stack %s, reports it and exits 1', async (fault, counts, reason) => {
    const blog = await fakeBlog(fault);
    try {
      const { code, stdout } = await runCli(['--url', blog.url, '--posts', '2', '--comments', '100', '--concurrency', '4', '--orange', '0.25', '--timeout', '1']);

      expect(code).toBe(1);
      expect(stdout).toMatch(/verdict\s+FAIL/);
      expect(stdout).toMatch(reason);
      for (const [name, value] of Object.entries(counts)) {
        const label = { lost: 'lost', duplicated: 'duplicated', wrongStatus: 'wrong status', pending: 'pending' }[name]!;
        expect(stdout).toContain(`${label} ${value}`);
      }
    } finally {
      await blog.close();
    }
  });

  it('loadtest, when nothing listens at the URL, says so and exits 2', async () => {
    const blog = await fakeBlog('none');
    await blog.close();

    const { code, stderr } = await runCli(['--url', blog.url, '--posts', '1', '--comments', '1', '--quiet']);

    expect(code).toBe(2);
    expect(stderr).toMatch(/could not create the posts.*ECONNREFUSED/);
  });

  it('loadtest, when an option is wrong, prints the usage and exits 2', async () => {
    const { code, stderr } = await runCli(['--concurrency', 'lots']);

    expect(code).toBe(2);
    expect(stderr).toMatch(/--concurrency must be a whole number/);
    expect(stderr).toMatch(/Usage: npm run loadtest/);
  });
});
