import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logging.js';
import type { DetectionEngine } from '../detection-engine.js';
import { IocWatcher } from './ioc-watcher.js';

/**
 * Keeps a live engine's IOC lists in step with `<rulesDir>/ioc/`: each change reloads the lists and
 * swaps them in between two events. Problems in a list are logged, like those of rules at start.
 */
export function watchIocLists(engine: DetectionEngine, rulesDir: string, logger: Logger): { close(): void } {
  const directory = join(rulesDir, 'ioc');
  if (!existsSync(directory)) {
    logger.info({ directory }, 'No IOC list directory; nothing to watch');
    return { close: () => undefined };
  }
  const watcher = new IocWatcher({
    directory,
    logger,
    onReload: (matcher, problems) => {
      engine.replaceIocMatcher(matcher);
      for (const problem of problems) logger.warn({ file: problem.file, line: problem.line, problem: problem.message }, 'IOC list problem');
    },
  });
  watcher.start();
  return { close: () => watcher.stop() };
}
