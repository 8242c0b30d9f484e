import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { flattenWindowsEvent, splitJsonObjects } from '../../tests/unit/detectors/sigma/windows-event-json.js';

export const SIGMA_DATA = '/work/shared/data/sigma';

/** Every event of SigmaHQ's regression data, flattened the way the Sigma regression tests feed them. */
export function sigmaRegressionEvents(): EcsEvent[] {
  const regression = path.join(SIGMA_DATA, 'regression');
  const manifest = JSON.parse(readFileSync(path.join(regression, 'manifest.json'), 'utf8')) as { tests: { event_json: string }[] }[];
  const events: EcsEvent[] = [];
  for (const entry of manifest) {
    for (const test of entry.tests) {
      for (const raw of splitJsonObjects(readFileSync(path.join(regression, test.event_json), 'utf8'))) events.push(flattenWindowsEvent(raw) as unknown as EcsEvent);
    }
  }
  return events;
}
