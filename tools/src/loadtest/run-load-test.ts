import { waitForConvergence } from './convergence';
import type { LoadTestOptions } from './options';
import { buildReport, type LoadTestReport } from './report';
import { runLoad, type LoadHooks } from './run-load';

/**
 * A whole load test: the load, then waiting for convergence, then the
 * verdict. What the CLI runs; the fault tests use the parts.
 */
export async function runLoadTest(options: LoadTestOptions, hooks: LoadHooks & { onConverging?: () => void } = {}): Promise<LoadTestReport> {
  const load = await runLoad(options, hooks);
  hooks.onConverging?.();
  const convergence = await waitForConvergence(options.queryUrl, load.acknowledged, options.convergenceTimeoutSeconds * 1000);
  return buildReport(options, load, convergence);
}
