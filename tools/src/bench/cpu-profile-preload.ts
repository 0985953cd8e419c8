/**
 * Loaded into each service with `NODE_OPTIONS=--require …/cpu-profile-preload.js`
 * when the bench runs with `--cpu-prof DIR` (Node 20 refuses `--cpu-prof` in
 * NODE_OPTIONS, and the stack launcher passes no command-line flags): records a V8
 * CPU profile from start to exit and writes it to
 * `$BENCH_CPU_PROF_DIR/<service>-<pid>.cpuprofile`.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const script = process.argv[1] ?? 'node';
  // services/<name>/dist/index.js → <name>
  const name = /services\/([^/]+)\/dist\//.exec(script)?.[1] ?? path.basename(script, '.js');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    // The same-thread session answers synchronously, so this runs before the process is gone.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
