import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EcsEvent } from '../../../../core/domain/ecs.js';

const DIR = path.resolve('tests/fixtures/winlogbeat');

/** One of the Winlogbeat fixture documents, fresh for each call so a test may change it. */
export function winlogbeatEvent(file: string): EcsEvent {
  return JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as EcsEvent;
}

/** One Sysmon event of sysmon-derived.json as Winlogbeat ships it raw and as its ingest pipeline leaves it. */
export function derivedCase(name: string): { raw: EcsEvent; ecs: EcsEvent; flat: EcsEvent } {
  const cases = JSON.parse(readFileSync(path.join(DIR, 'sysmon-derived.json'), 'utf8')) as Record<string, { raw: EcsEvent; ecs: EcsEvent }>;
  const { raw, ecs } = cases[name]!;
  return { raw, ecs, flat: flattened(raw) };
}

/** The raw event flattened the way the SigmaHQ regression events are: event data at the top, with EventID and Channel. */
function flattened(raw: EcsEvent): EcsEvent {
  const winlog = raw.winlog as { event_data: Record<string, unknown>; event_id: string; channel: string };
  return { '@timestamp': raw['@timestamp'], ...winlog.event_data, EventID: Number(winlog.event_id), Channel: winlog.channel } as unknown as EcsEvent;
}
