import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment once, at start, against a schema. Every bad or
 * missing key is named in one error, so a misconfigured service says all that
 * is wrong before it exits. Code never reads `process.env` after this.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  // A key set to '' (what compose passes for an unset `${VAR}`) means "use the default", not "port 0".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
}

/** Pieces of config schemas every service shares. */
export const configFields = {
  port: (defaultPort: number) =>
    z.coerce
      .number({ error: 'must be a port number from 0 to 65535' })
      .int('must be a port number from 0 to 65535')
      .min(0, 'must be a port number from 0 to 65535')
      .max(65535, 'must be a port number from 0 to 65535')
      .default(defaultPort),
  url: (defaultUrl: string) => z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(defaultUrl),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How many processes share the port (Node's cluster module): replicas on one machine. */
  workers: () => z.coerce.number({ error: 'must be a whole number from 1 to 64' }).int('must be a whole number from 1 to 64').min(1, 'must be a whole number from 1 to 64').max(64, 'must be a whole number from 1 to 64').default(1),
  positiveInt: (defaultValue: number) =>
    z.coerce.number({ error: 'must be a whole number above 0' }).int('must be a whole number above 0').positive('must be a whole number above 0').default(defaultValue),
  /** A body size as Express reads it: `16kb`, `2mb`, `512b` or bytes. */
  size: (defaultSize: string) =>
    z
      .string()
      .regex(/^\d+(\.\d+)?\s*(b|kb|mb)?$/i, 'must be a size such as 16kb or 1mb')
      .default(defaultSize),
};

/** The keys every service reads: its port, the bus, log level and worker count. */
export function serviceConfigSchema(defaultPort: number) {
  return z.object({
    PORT: configFields.port(defaultPort),
    EVENT_BUS_URL: configFields.url('http://localhost:4005'),
    LOG_LEVEL: configFields.logLevel(),
    WORKERS: configFields.workers(),
    BODY_LIMIT: configFields.size('16kb'),
  });
}
