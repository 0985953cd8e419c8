import fs from 'node:fs';

/**
 * Linux counts a process's CPU time in clock ticks of 1/100 s (USER_HZ, 100
 * on every mainstream architecture); Node cannot ask sysconf for it.
 */
const TICKS_PER_SECOND = 100;

/** utime + stime of a `/proc/<pid>/stat` line, in ms; undefined when the line cannot be read. */
export function parseProcStatCpuMs(stat: string): number | undefined {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** CPU time a process (all its threads) has used so far, in ms; undefined when /proc cannot tell. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return parseProcStatCpuMs(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** CPU time of this process so far, in ms. */
export const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Starts counting the CPU time of some processes (and of this one, as `load generator`);
 * the returned function gives each one's CPU ms since then, divided by `units`.
 */
export function cpuMeter(pids: Record<string, number | undefined>): (units: number) => Record<string, number> {
  const read = (): Record<string, number | undefined> => ({ ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpuMs(pid)])), 'load generator': ownCpuMs() });
  const before = read();
  return (units) => {
    const after = read();
    const perUnit: Record<string, number> = {};
    for (const [name, ms] of Object.entries(after)) {
      const start = before[name];
      if (ms !== undefined && start !== undefined) perUnit[name] = Math.round(((ms - start) / Math.max(1, units)) * 1000) / 1000;
    }
    return perUnit;
  };
}
