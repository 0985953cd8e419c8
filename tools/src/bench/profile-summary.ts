/**
 * `node tools/dist/bench/profile-summary.js <file.cpuprofile>…`: where a
 * process spent its CPU, from the V8 profiles `npm run bench -- --cpu-prof DIR`
 * writes. Prints self time by package (express, libsql, zod, pino, node
 * internals, the project's own code, garbage collection, idle) and the
 * functions with the most self time.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by where the code lives, largest first. */
  byPackage: Array<{ name: string; ms: number; share: number }>;
  /** Functions with the most self time, largest first. */
  topFunctions: Array<{ name: string; where: string; ms: number; share: number }>;
}

/** Which package (or part of the runtime) a frame belongs to. */
export function packageOf(frame: ProfileNode['callFrame']): string {
  if (frame.functionName.startsWith('(') && frame.url === '') return frame.functionName;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (modules) return modules[1]!;
  if (frame.url.startsWith('node:') || (frame.url === '' && frame.functionName !== '')) return 'node (runtime)';
  const own = /\/(services\/[^/]+|packages\/[^/]+|tools)\//.exec(frame.url);
  if (own) return own[1]!;
  return frame.url === '' ? '(native)' : path.basename(frame.url);
}

/** Self time per package and per function, from the samples and their time deltas. */
export function summariseProfile(profile: CpuProfile, top = 20): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = Math.max(0, profile.timeDeltas[i] ?? 0);
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    totalUs += delta;
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)!.callFrame;
    const pkg = packageOf(frame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const where = frame.url === '' ? pkg : `${frame.url.replace(/^.*\/(node_modules|services|packages|tools)\//, '$1/')}:${frame.lineNumber + 1}`;
    const key = `${frame.functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: frame.functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  const share = (us: number) => (totalUs === 0 ? 0 : Math.round((us / totalUs) * 1000) / 10);
  return {
    totalMs: Math.round(totalUs / 1000),
    byPackage: [...byPackage].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: share(us) })),
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(({ name, where, us }) => ({ name, where, ms: Math.round(us / 1000), share: share(us) })),
  };
}

function main(files: string[]): void {
  if (files.length === 0) {
    process.stderr.write('usage: node tools/dist/bench/profile-summary.js <file.cpuprofile>…\n');
    process.exitCode = 2;
    return;
  }
  for (const file of files) {
    const summary = summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile);
    process.stdout.write(`\n${file}: ${summary.totalMs} ms sampled\n  by package:\n`);
    for (const p of summary.byPackage.slice(0, 15)) process.stdout.write(`    ${String(p.share).padStart(5)}%  ${String(p.ms).padStart(7)} ms  ${p.name}\n`);
    process.stdout.write('  top functions (self time):\n');
    for (const f of summary.topFunctions) process.stdout.write(`    ${String(f.share).padStart(5)}%  ${String(f.ms).padStart(7)} ms  ${f.name}  ${f.where}\n`);
  }
}

if (require.main === module) main(process.argv.slice(2));
