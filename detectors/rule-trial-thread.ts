import { Worker } from 'node:worker_threads';
import { RuleTooComplexError } from './rule-too-complex-error.js';
import type { RuleTrialRequest, RuleTrialResult } from './rule-trial.js';

const WORKER = new URL('./rule-trial-worker.js', import.meta.url);

/** What one trial may use: enough for 10,000 sample events and a large rule, far from what stalls the service. */
export interface RuleTrialLimits {
  timeoutMs: number;
  maxHeapMb: number;
}

type Reply = { id: number; result: RuleTrialResult } | { id: number; error: string };

/**
 * Runs uploaded rule texts on a worker thread, one at a time, so that parsing and matching them
 * never block the service's event loop. A trial that overruns its time or memory terminates the
 * thread (the next trial starts a new one) and is refused with RuleTooComplexError. The thread is
 * kept between trials because starting one loads the whole engine (about a second on a busy machine).
 */
export class RuleTrialThread {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  constructor(private readonly limits: RuleTrialLimits) {}

  run(request: RuleTrialRequest): Promise<RuleTrialResult> {
    const trial = this.queue.catch(() => undefined).then(() => this.runNow(request));
    this.queue = trial;
    return trial;
  }

  private runNow(request: RuleTrialRequest): Promise<RuleTrialResult> {
    const { timeoutMs, maxHeapMb } = this.limits;
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const stop = (): void => {
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
      };
      const timer = setTimeout(() => {
        done();
        stop();
        reject(new RuleTooComplexError(`the rule took longer than ${timeoutMs} ms`, [{ message: `checking and running the rule over the events took longer than ${timeoutMs} ms` }]));
      }, timeoutMs);
      const onMessage = (reply: Reply): void => {
        if (reply.id !== id) return;
        done();
        if ('error' in reply) reject(new Error(`rule trial failed: ${reply.error}`));
        else resolve(reply.result);
      };
      const onError = (error: Error & { code?: string }): void => {
        done();
        stop();
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(new RuleTooComplexError(`the rule needed more than ${maxHeapMb} MB`, [{ message: `checking and running the rule over the events needed more than ${maxHeapMb} MB` }]));
        else reject(error);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, request });
    });
  }

  private start(): Worker {
    const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb } });
    // An idle trial thread must not keep a CLI run or a stopping service alive.
    worker.unref();
    return worker;
  }
}
