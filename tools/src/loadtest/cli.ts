/**
 * `npm run loadtest`: load the blog through its public API, then check that
 * nothing acknowledged was lost, duplicated or left in the wrong status.
 * Exit 0 on a pass, 1 on a failed verdict, 2 when it could not run.
 */
import { parseOptions, usage } from './options';
import { readCommandLine } from '../command-line';
import { formatReport } from './report';
import { LoadSetupError } from './run-load';
import { runLoadTest } from './run-load-test';

async function main(): Promise<number> {
  const commandLine = readCommandLine(() => parseOptions(process.argv.slice(2)), usage);
  if ('exitCode' in commandLine) return commandLine.exitCode;
  const { options } = commandLine;
  const say = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  const what = options.comments !== undefined ? `${options.comments} comments` : `comments for ${options.durationSeconds} s`;
  say(`creating ${options.posts} posts, then writing ${what} with ${options.concurrency} in flight…`);
  try {
    const report = await runLoadTest(options, {
      onProgress: (p) =>
        say(`  ${(p.elapsedMs / 1000).toFixed(0).padStart(4)} s  sent ${p.sent}  acknowledged ${p.acknowledged}  failed ${p.failed}  ${p.recentRate} req/s`),
      onConverging: () => say(`load done; waiting up to ${options.convergenceTimeoutSeconds} s for the query service to show every acknowledged comment…`),
    });
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.passed ? 0 : 1;
  } catch (error) {
    if (!(error instanceof LoadSetupError)) throw error;
    process.stderr.write(`${error.message}\nIs the stack running? (npm start, docker compose up, or pass --url)\n`);
    return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`load test failed to run: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
