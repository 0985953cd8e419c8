import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout, one logger per service; level from config. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level, base: { service, pid: process.pid } });
}
