import fs from 'node:fs';

/** The `VmRSS` line of a `/proc/<pid>/status` file, in kB; undefined when it has none (a zombie, another OS). */
export function parseVmRssKb(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** Resident memory of a process in MB (1 MB = 1024 kB), read from /proc; undefined when it cannot be read. */
export function residentMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = parseVmRssKb(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb === undefined ? undefined : Math.round((kb / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}
