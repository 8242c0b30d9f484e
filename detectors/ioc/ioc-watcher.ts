import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../../core/logging.js';
import type { RuleProblem } from '../sigma/types.js';
import { IocMatcher } from './ioc-matcher.js';
import { loadIocLists } from './load-ioc-lists.js';

export interface IocWatcherOptions {
  directory: string;
  /** Receives each freshly built matcher; the engine swaps it in between two events. */
  onReload: (matcher: IocMatcher, problems: RuleProblem[]) => void;
  logger: Logger;
  debounceMs?: number;
}

/**
 * Keeps the IOC lists current: a change in the directory schedules one reload after a quiet period
 * (editors write a file in several steps), and `reload()` does it on demand. A failed reload keeps
 * the previous matcher, so a half-written list never empties the engine's indicators.
 */
export class IocWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: IocWatcherOptions) {}

  start(): void {
    this.watcher = watch(this.options.directory, { recursive: true }, () => this.schedule());
    this.watcher.on('error', (error) => this.options.logger.warn({ error }, 'IOC list watch failed'));
  }

  stop(): void {
    this.watcher?.close();
    if (this.timer) clearTimeout(this.timer);
    this.watcher = undefined;
    this.timer = undefined;
  }

  async reload(): Promise<IocMatcher | undefined> {
    try {
      const { lists, problems } = await loadIocLists(this.options.directory);
      const matcher = new IocMatcher(lists);
      this.options.onReload(matcher, problems);
      this.options.logger.info({ lists: lists.length, indicators: matcher.size, problems: problems.length }, 'IOC lists reloaded');
      return matcher;
    } catch (error) {
      this.options.logger.error({ error }, 'IOC list reload failed; keeping the previous lists');
      return undefined;
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, this.options.debounceMs ?? 500);
  }
}
