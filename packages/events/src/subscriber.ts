import type { EventBusClient, Subscription } from './bus-client';
import type { ProjectionLogger } from './projection';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Declares a subscription at start, retrying with backoff while the bus is
 * unreachable, so services can start in any order. Resolves once the bus has
 * it; rejects only if `signal` aborts first.
 */
export async function declareSubscription(
  bus: EventBusClient,
  name: string,
  subscription: Subscription,
  logger: ProjectionLogger,
  signal?: AbortSignal,
): Promise<void> {
  let backoffMs = 200;
  for (;;) {
    signal?.throwIfAborted();
    try {
      await bus.subscribe(name, subscription);
      logger.info({ subscription: name, url: subscription.url, types: subscription.types }, 'subscription declared');
      return;
    } catch (error) {
      logger.warn({ subscription: name, err: (error as Error).message, retryInMs: backoffMs }, 'cannot declare the subscription yet; retrying');
      await sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 2000);
    }
  }
}
