import { z } from 'zod';
import { configFields, loadConfig } from '@blog/service-kit';

/**
 * The client server knows the three services the browser may reach, and no
 * other: there is deliberately no event-bus URL here, so nothing sent to
 * port 3000 can ever reach the bus.
 */
export const clientConfigSchema = z.object({
  PORT: configFields.port(3000),
  POSTS_URL: configFields.url('http://localhost:4000'),
  COMMENTS_URL: configFields.url('http://localhost:4001'),
  QUERY_URL: configFields.url('http://localhost:4002'),
  LOG_LEVEL: configFields.logLevel(),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

export function loadClientConfig(env: NodeJS.ProcessEnv = process.env): ClientConfig {
  return loadConfig(clientConfigSchema, env);
}

/** The routing table's service names, mapped to where each one listens. */
export function upstreamsFrom(config: ClientConfig): Record<string, URL> {
  return {
    posts: new URL(config.POSTS_URL),
    comments: new URL(config.COMMENTS_URL),
    query: new URL(config.QUERY_URL),
  };
}
