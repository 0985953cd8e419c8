import type { Agent } from 'undici';
import { postJson } from './http';

/**
 * Sends `count` requests with `concurrency` in flight (each worker waits for
 * its answer) and resolves when all have answered; throws on the first
 * answer that is not `expectedStatus`, since the measurement would be wrong.
 */
export async function sendAll(
  agent: Agent,
  url: string,
  count: number,
  concurrency: number,
  body: (n: number) => string,
  expectedStatus: (status: number) => boolean = (status) => status === 201,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const answer = await postJson(agent, url, body(n));
      if (!expectedStatus(answer.status)) throw new Error(`POST ${url} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
