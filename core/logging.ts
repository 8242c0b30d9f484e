import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One root logger per process; every component asks for a child with its name so that log lines
 * can be filtered by component. Secrets never reach the logger: the redact list is a safety net.
 */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'lagebild' },
      redact: { paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'secret', '*.secret'], censor: '[redacted]' },
      errorKey: 'error',
    },
    options.destination ?? process.stdout,
  );
}

export function componentLogger(root: Logger, component: string): Logger {
  return root.child({ component });
}

/** A logger that writes nothing, for tests and CLI commands whose stdout is data. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
