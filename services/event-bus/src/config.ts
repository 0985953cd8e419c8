import { z } from 'zod';
import { configFields, loadConfig } from '@blog/service-kit';

export const BusConfigSchema = z.object({
  PORT: configFields.port(4005),
  /** Folder of the SQLite log; compose mounts a volume here, Kubernetes a PersistentVolumeClaim. */
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: configFields.logLevel(),
  BODY_LIMIT: configFields.size('16kb'),
  /** Largest `POST /events` body: a batch of up to 1,000 events. */
  EVENTS_BODY_LIMIT: configFields.size('2mb'),
  /** How long the bus waits for a subscriber to answer one push. */
  PUSH_TIMEOUT_MS: configFields.positiveInt(10_000),
  /** The longest pause between two retries of a push that failed. */
  PUSH_MAX_BACKOFF_MS: configFields.positiveInt(5_000),
  /** The log has one writer: the bus cannot run as several workers (see README, "Outgrowing one machine"). */
  WORKERS: z.coerce.number().int().max(1, 'the event bus runs as one process (SQLite has one writer)').default(1),
});
export type BusConfig = z.infer<typeof BusConfigSchema>;

export const loadBusConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(BusConfigSchema, env);
