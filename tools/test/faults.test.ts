/**
 * Faults under load, against the real processes on loopback (issue 6, items
 * 3 and 4). While the load tool writes comments, one process at a time is
 * SIGKILLed and restarted, moderation is frozen with SIGSTOP, and every
 * service is SIGTERMed with requests in flight. Each run must end with no
 * acknowledged comment lost, none duplicated, and every one in its final
 * status. Needs `npm run build` first (`npm test` does it).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { waitForConvergence, type Convergence } from '../src/loadtest/convergence';
import type { LoadTestOptions } from '../src/loadtest/options';
import { runLoad, type LoadResult, type RequestRecord } from '../src/loadtest/run-load';
import { startStack, type RunningStack, type ServiceName } from '../src/stack';

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request on its own connection (no keep-alive), so "accepted" and "refused" are told apart. */
interface ProbeResult {
  startedAt: number;
  endedAt: number;
  status?: number;
  error?: string;
  body: string;
}

function probe(url: string, method = 'GET', body?: unknown): Promise<ProbeResult> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      { method, agent: false, timeout: 15_000, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ startedAt, endedAt: Date.now(), status: res.statusCode, body: text }));
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ startedAt, endedAt: Date.now(), error: error.code ?? error.message, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ startedAt, endedAt: Date.now(), error: error.code ?? error.message, body: '' }));
    req.end(payload);
  });
}

/** With RELIABILITY_REPORT=<file>, each test appends what it measured (the numbers in docs/reliability.md). */
function record(test: string, measured: object): void {
  const file = process.env.RELIABILITY_REPORT;
  if (file) fs.appendFileSync(file, `${JSON.stringify({ test, ...measured })}\n`);
}

function summary(run: Run) {
  const { examples: _examples, ...verdict } = run.convergence.verdict;
  return { sent: run.load.sent, outcomes: run.load.outcomes, ...verdict, convergenceMs: run.convergence.ms };
}

interface Run {
  load: LoadResult;
  convergence: Convergence;
  records: RequestRecord[];
}

describe('faults under load', () => {
  let stack: RunningStack;
  let dataDir: string;
  /** Pids of the comments workers that are listening, from their own log lines. */
  const commentsWorkers = new Set<number>();
  let postId: string;

  const loadOptions = (): LoadTestOptions => ({
    postsUrl: stack.urls.posts,
    commentsUrl: stack.urls.comments,
    queryUrl: stack.urls.query,
    posts: 3,
    comments: undefined,
    durationSeconds: 60,
    concurrency: 6,
    // Steady, well inside what moderation keeps up with, so convergence is quick.
    rate: 30,
    orangeShare: 0.3,
    convergenceTimeoutSeconds: 45,
    requestTimeoutMs: 10_000,
    json: false,
    quiet: true,
  });

  /** Runs the load, applies the fault once comments flow, lets the load run on, then waits for convergence. */
  async function underLoad(fault: () => Promise<void>, settleMs = 1500): Promise<Run> {
    const records: RequestRecord[] = [];
    const stop = new AbortController();
    const loading = runLoad(loadOptions(), { signal: stop.signal, onRequest: (record) => records.push(record) });
    try {
      const deadline = Date.now() + 20_000;
      while (records.filter((r) => r.kind === 'comment' && r.ok).length < 20) {
        if (Date.now() > deadline) throw new Error(`the load never got going: ${JSON.stringify(records.slice(-5))}`);
        await sleep(50);
      }
      await fault();
      await sleep(settleMs);
    } finally {
      stop.abort();
    }
    const load = await loading;
    const convergence = await waitForConvergence(stack.urls.query, load.acknowledged, 45_000);
    return { load, convergence, records };
  }

  function expectNothingLost(run: Run): void {
    expect(run.load.acknowledged.length).toBeGreaterThan(50);
    expect(run.load.unidentified).toBe(0);
    expect(run.convergence.converged).toBe(true);
    expect(run.convergence.verdict).toMatchObject({ lost: 0, duplicated: 0, wrongStatus: 0, pending: 0, misplaced: 0 });
    expect(run.convergence.verdict.visible).toBe(run.load.acknowledged.length);
  }

  const commentsBetween = (run: Run, from: number, to: number) => run.records.filter((r) => r.kind === 'comment' && r.startedAt >= from && r.endedAt <= to);
  const fivexx = (records: RequestRecord[]) => records.filter((r) => /^5/.test(r.outcome) && r.outcome !== '503');

  async function writeProbes(): Promise<{ post: ProbeResult; comment: ProbeResult }> {
    const [postProbe, commentProbe] = await Promise.all([
      probe(`${stack.urls.posts}/posts/create`, 'POST', { title: 'written during a fault' }),
      probe(`${stack.urls.comments}/posts/${postId}/comments`, 'POST', { content: 'written during a fault' }),
    ]);
    return { post: postProbe, comment: commentProbe };
  }

  /** Kills a service, keeps it down while probing writes, restarts it. */
  async function killAndRestart(name: ServiceName, downMs: number, whileDown?: () => Promise<void>) {
    await stack.kill(name, 'SIGKILL');
    const window = { killedAt: Date.now(), restartedAt: 0 };
    const downUntil = Date.now() + downMs;
    await whileDown?.();
    await sleep(Math.max(0, downUntil - Date.now()));
    await stack.restart(name);
    window.restartedAt = Date.now();
    return window;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-faults-'));
    stack = await startStack({
      dataDir,
      logDir: path.join(dataDir, 'logs'),
      workers: { comments: 2 },
      env: { LOG_LEVEL: 'info' },
      onOutput: (name, line) => {
        if (name !== 'comments' || !line.includes('"listening"')) return;
        try {
          commentsWorkers.add((JSON.parse(line) as { pid: number }).pid);
        } catch {
          // Not a JSON log line.
        }
      },
    });
    const created = await probe(`${stack.urls.posts}/posts/create`, 'POST', { title: 'probe post' });
    expect(created.status).toBe(201);
    postId = (JSON.parse(created.body) as { id: string }).id;
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  });

  describe('SIGKILL and restart, one at a time', () => {
    it.each(['moderation', 'query'] as const)(
      'a load run, when %s is SIGKILLed and restarted, loses nothing while posts and comments keep accepting writes',
      async (name) => {
        // Arrange
        let window = { killedAt: 0, restartedAt: 0 };
        let probes: Awaited<ReturnType<typeof writeProbes>> | undefined;

        // Act
        const run = await underLoad(async () => {
          window = await killAndRestart(name, 2500, async () => {
            await sleep(300);
            probes = await writeProbes();
          });
        });

        // Assert
        const duringOutage = commentsBetween(run, window.killedAt, window.restartedAt);
        expect(duringOutage.length).toBeGreaterThan(20);
        expect(duringOutage.filter((r) => !r.ok)).toEqual([]);
        record(`SIGKILL ${name}`, { ...summary(run), outageMs: window.restartedAt - window.killedAt, commentsDuringOutage: duringOutage.length, failedDuringOutage: duringOutage.filter((r) => !r.ok).length, probes: [probes?.post.status, probes?.comment.status] });
        expect(probes?.post.status).toBe(201);
        expect(probes?.comment.status).toBe(201);
        expectNothingLost(run);
      },
    );

    it('a load run, when one comments replica is SIGKILLed, loses nothing and the other replica keeps accepting', async () => {
      // Arrange
      expect(commentsWorkers.size).toBe(2);
      const victim = [...commentsWorkers][0]!;
      let killedAt = 0;

      // Act
      const run = await underLoad(async () => {
        killedAt = Date.now();
        process.kill(victim, 'SIGKILL');
        commentsWorkers.delete(victim);
        await sleep(2000);
      });

      // Assert: requests caught on the dead worker's connections may fail; the rest go on.
      const after = commentsBetween(run, killedAt + 1000, Date.now());
      record('SIGKILL one comments worker', { ...summary(run), failedAfterKill: run.records.filter((r) => r.kind === 'comment' && r.startedAt >= killedAt - 200 && !r.ok).map((r) => r.outcome), commentsFrom1sAfter: after.length });
      expect(after.length).toBeGreaterThan(20);
      expect(after.filter((r) => !r.ok)).toEqual([]);
      expect(fivexx(run.records)).toEqual([]);
      expectNothingLost(run);
    });

    it('a load run, when comments is SIGKILLed and restarted, loses nothing acknowledged and posts keep accepting', async () => {
      // Arrange
      let window = { killedAt: 0, restartedAt: 0 };
      let postProbe: ProbeResult | undefined;

      // Act
      const run = await underLoad(async () => {
        window = await killAndRestart('comments', 2500, async () => {
          await sleep(300);
          postProbe = await probe(`${stack.urls.posts}/posts/create`, 'POST', { title: 'written while comments is down' });
        });
      });

      // Assert
      record('SIGKILL comments', { ...summary(run), outageMs: window.restartedAt - window.killedAt, postProbe: postProbe?.status });
      expect(postProbe?.status).toBe(201);
      expect(commentsBetween(run, window.restartedAt, Date.now()).filter((r) => r.ok).length).toBeGreaterThan(10);
      expect(fivexx(run.records)).toEqual([]);
      expectNothingLost(run);
    });

    it('a load run, when the event bus is SIGKILLed and restarted, answers 503 fast while it is down and loses nothing acknowledged', async () => {
      // Arrange
      let window = { killedAt: 0, restartedAt: 0 };
      let probes: Awaited<ReturnType<typeof writeProbes>> | undefined;

      // Act: down longer than a publish's 3 s deadline, so writes must give up.
      const run = await underLoad(async () => {
        window = await killAndRestart('event-bus', 5000, async () => {
          await sleep(300);
          probes = await writeProbes();
        });
      }, 3000);

      // Assert
      for (const answer of [probes!.post, probes!.comment]) {
        expect(answer.status).toBe(503);
        expect(answer.endedAt - answer.startedAt).toBeLessThan(5000);
        expect(JSON.parse(answer.body)).toEqual({ errors: [expect.objectContaining({ message: expect.any(String) })] });
      }
      // Every write that started while the bus was gone ended in 201 (the bus came back within its
      // publish deadline) or 503, within 5 s; those that could not have been rescued were all 503.
      const startedDuringOutage = run.records.filter((r) => r.kind === 'comment' && r.startedAt >= window.killedAt && r.startedAt < window.restartedAt);
      for (const record of startedDuringOutage) {
        expect(['201', '503']).toContain(record.outcome);
        expect(record.endedAt - record.startedAt).toBeLessThan(5000);
      }
      const hopeless = startedDuringOutage.filter((r) => r.endedAt < window.restartedAt - 1500);
      record('SIGKILL event-bus', {
        ...summary(run),
        outageMs: window.restartedAt - window.killedAt,
        probes: [probes!.post, probes!.comment].map((p) => ({ status: p.status, ms: p.endedAt - p.startedAt })),
        startedDuringOutage: startedDuringOutage.map((r) => `${r.outcome} in ${r.endedAt - r.startedAt} ms`),
      });
      expect(hopeless.length).toBeGreaterThan(0);
      expect(hopeless.filter((r) => r.outcome !== '503')).toEqual([]);
      expect(commentsBetween(run, window.restartedAt, Date.now()).filter((r) => r.ok).length).toBeGreaterThan(10);
      expect(fivexx(run.records)).toEqual([]);
      expectNothingLost(run);
    });
  });

  it('a load run, when moderation is frozen with SIGSTOP for 3 s and then SIGCONT, keeps accepting writes and loses nothing', async () => {
    // Arrange
    const window = { stoppedAt: 0, continuedAt: 0 };

    // Act
    const run = await underLoad(async () => {
      window.stoppedAt = Date.now();
      stack.signal('moderation', 'SIGSTOP');
      try {
        await sleep(3000);
      } finally {
        stack.signal('moderation', 'SIGCONT');
        window.continuedAt = Date.now();
      }
    });

    // Assert
    const duringFreeze = commentsBetween(run, window.stoppedAt, window.continuedAt);
    record('SIGSTOP moderation 3 s', { ...summary(run), commentsDuringFreeze: duringFreeze.length, failedDuringFreeze: duringFreeze.filter((r) => !r.ok).length });
    expect(duringFreeze.length).toBeGreaterThan(40);
    expect(duringFreeze.filter((r) => !r.ok)).toEqual([]);
    expectNothingLost(run);
  });

  describe('graceful shutdown under load', () => {
    /** What each service's own in-flight requests are, while comments load runs. */
    const inFlight: Record<Exclude<ServiceName, 'client'>, () => Promise<ProbeResult>> = {
      posts: () => probe(`${stack.urls.posts}/posts/create`, 'POST', { title: 'in flight at SIGTERM' }),
      // A comment on a post this replica has not seen first reads the log's head from the bus: a request doing I/O while it drains.
      comments: () => probe(`${stack.urls.comments}/posts/not-yet-${Date.now()}/comments`, 'POST', { content: 'in flight at SIGTERM' }),
      query: () => probe(`${stack.urls.query}/posts`),
      moderation: () => probe(`${stack.urls.moderation}/healthz`),
      'event-bus': () => probe(`${stack.urls['event-bus']}/events?after=0&limit=500`),
    };

    it.each(['posts', 'comments', 'query', 'moderation', 'event-bus'] as const)(
      'SIGTERM to %s, with requests in flight, completes every accepted request and exits 0 within 10 s',
      async (name) => {
        // Arrange
        const probes: ProbeResult[] = [];
        let signalledAt = 0;
        let exit: { code: number | null; ms: number } | undefined;

        // Act
        const run = await underLoad(async () => {
          let stopProbing = false;
          const probing = Array.from({ length: 4 }, async () => {
            while (!stopProbing) probes.push(await inFlight[name]());
          });
          await sleep(700);
          signalledAt = Date.now();
          const code = await stack.kill(name, 'SIGTERM');
          exit = { code, ms: Date.now() - signalledAt };
          stopProbing = true;
          await Promise.all(probing);
          await stack.restart(name);
        });

        // Assert
        const accepted = probes.filter((p) => p.startedAt < signalledAt - 250);
        record(`SIGTERM ${name}`, {
          ...summary(run),
          exit,
          probes: probes.length,
          acceptedProbes: accepted.length,
          acceptedAnswers: [...new Set(accepted.map((p) => p.status ?? p.error))],
          lateProbes: [...new Set(probes.filter((p) => p.startedAt >= signalledAt - 250).map((p) => p.status ?? p.error))],
        });
        expect(exit).toEqual({ code: 0, ms: expect.any(Number) });
        expect(exit!.ms).toBeLessThan(10_000);
        // A request sent well before the signal was accepted: it must get its answer, not a reset.
        expect(accepted.length).toBeGreaterThan(0);
        expect(accepted.filter((p) => p.status === undefined || p.status >= 500)).toEqual([]);
        // Later ones may be refused (the port is closed), never left hanging.
        for (const late of probes.filter((p) => p.status === undefined)) expect(['ECONNREFUSED', 'ECONNRESET']).toContain(late.error);
        expect(fivexx(run.records)).toEqual([]);
        expectNothingLost(run);
      },
    );
  });
});
