import { parentPort } from 'node:worker_threads';
import { runRuleTrial, type RuleTrialRequest } from './rule-trial.js';

// Uploaded rules run on this thread, which the catalog terminates when one overruns its time.
parentPort!.on('message', ({ id, request }: { id: number; request: RuleTrialRequest }) => {
  try {
    parentPort!.postMessage({ id, result: runRuleTrial(request) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
