/** A command line a tool cannot run with; the message says what to fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A numeric option's value, or a UsageError naming the option and its range;
 * an option that was not given stays undefined.
 */
export function numberOption(name: string, value: string, range: { min: number; max: number; integer: boolean }): number;
export function numberOption(name: string, value: string | undefined, range: { min: number; max: number; integer: boolean }): number | undefined;
export function numberOption(name: string, value: string | undefined, { min, max, integer }: { min: number; max: number; integer: boolean }): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || (integer && !Number.isInteger(parsed)) || parsed < min || parsed > max) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${value}")`);
  }
  return parsed;
}

/**
 * Parses a tool's command line the same way for every tool: a UsageError
 * prints its message and the usage text on stderr (exit 2), `--help` prints
 * the usage on stdout (exit 0); otherwise the options.
 */
export function readCommandLine<T>(parse: () => { help: true } | { help: false; options: T }, usage: string): { exitCode: number } | { options: T } {
  let parsed;
  try {
    parsed = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}`);
    return { exitCode: 2 };
  }
  if (parsed.help) {
    process.stdout.write(usage);
    return { exitCode: 0 };
  }
  return { options: parsed.options };
}
