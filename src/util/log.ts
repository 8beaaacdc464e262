// Structured logs (pino) on stderr, so stdout stays clean for JSON output such as `export` and `extract`.
import { pino, type Logger } from 'pino';

export const log: Logger = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: { app: 'rightsgraph' } },
  pino.destination({ fd: 2, sync: true }),
);

export type { Logger };
