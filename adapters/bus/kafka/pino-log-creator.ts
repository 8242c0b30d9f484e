import kafkajs, { type logCreator } from 'kafkajs';
import type { Logger } from '../../../core/logging.js';

const { logLevel } = kafkajs;

/** pino stamps its own time; kafkajs's message becomes pino's. */
const DROPPED_FIELDS = new Set(['timestamp', 'message']);

/**
 * Routes kafkajs's own log lines into our pino logger, with its namespace as a field. kafkajs logs
 * every error response of a connection at error level, rebalances included, although it retries
 * them itself; what it finally gives up on reaches our callers as an error, so those are warnings.
 */
export function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const line = { kafkajs: namespace, ...Object.fromEntries(Object.entries(log).filter(([name]) => !DROPPED_FIELDS.has(name))) };
      if (level === logLevel.ERROR && namespace !== 'Connection') logger.error(line, log.message);
      else if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(line, log.message);
      else if (level === logLevel.INFO) logger.info(line, log.message);
      else logger.debug(line, log.message);
    };
}
