import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createAttributor } from '../../collectors/attribution/attributor.js';
import { normaliseEvent } from '../../collectors/normalise-event.js';
import { getParser } from '../../collectors/parsers/registry.js';
import type { Alert } from '../../core/domain/alert.js';
import { getField, type EcsEvent } from '../../core/domain/ecs.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';

/**
 * Real recordings of attacks (OTRF Security-Datasets) replayed through the collector's parser and a
 * detection engine, to see which recordings the rules recognise as the technique they show.
 */
export const RECORDINGS_DIR = path.resolve('tests/fixtures/attack-recordings');

export interface AttackRecording {
  name: string;
  /** Relative to the manifest: JSON lines, gzipped when the name ends in `.gz`. */
  file: string;
  /** ATT&CK ids the recording shows, e.g. `T1003.001`. */
  techniques: string[];
  description: string;
  /** IANA zone of the recorded hosts' wall clock (NXLog's EventTime has none). */
  timeZone: string;
  source: { repository: string; path: string; commit: string; member: string };
}

export interface RecordingResult {
  recording: AttackRecording;
  events: number;
  /** Events the parser read as Windows events (with `winlog.event_id`). */
  windowsEvents: number;
  /** Lines the parser refused, with its reason. */
  refused: string[];
  alerts: Alert[];
  /** Alerts whose rule is tagged with one of the recording's techniques (or its parent or a sub-technique). */
  specific: Alert[];
}

export function loadRecordings(directory = RECORDINGS_DIR): AttackRecording[] {
  const manifest = JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8')) as { recordings: AttackRecording[] };
  return manifest.recordings;
}

/** The recording's lines as the collector would publish them, in the order they happened. */
export function recordingEvents(recording: AttackRecording, directory = RECORDINGS_DIR): { events: EcsEvent[]; refused: string[] } {
  const raw = readFileSync(path.join(directory, recording.file));
  const text = (recording.file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const parser = getParser('auto')!;
  const attributor = createAttributor([]);
  const receivedAt = new Date();
  const events: EcsEvent[] = [];
  const refused: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const outcome = parser.parse(line, { receivedAt, timeZone: recording.timeZone });
    if (outcome.ok) events.push(normaliseEvent(outcome.event, receivedAt, attributor));
    else refused.push(outcome.reason);
  }
  // The recordings are exports in no particular order; the engine follows event time per source.
  const timed = events.map((event, index) => ({ event, index, time: Date.parse(event['@timestamp']) }));
  timed.sort((a, b) => a.time - b.time || a.index - b.index);
  return { events: timed.map(({ event }) => event), refused };
}

/**
 * A fresh engine with the rules of `template` and the same rules switched off, so that every
 * recording starts without the state (folds, correlation windows) another one left behind.
 */
export function freshEngine(template: DetectionEngine): DetectionEngine {
  const { sigmaRules, correlations, iocLists } = template.rules();
  const engine = new DetectionEngine({ sigmaRules: [...sigmaRules], correlations: [...correlations], iocLists: [...iocLists], options: template.options });
  for (const { id } of [...sigmaRules, ...correlations, ...iocLists]) if (!template.isEnabled(id)) engine.setEnabled(id, false);
  return engine;
}

export function replayRecording(template: DetectionEngine, recording: AttackRecording, directory = RECORDINGS_DIR): RecordingResult {
  const { events, refused } = recordingEvents(recording, directory);
  const engine = freshEngine(template);
  const alerts = [...events.flatMap((event) => engine.process(event)), ...engine.flush()];
  const specific = alerts.filter((alert) => namesTechnique(alert.tags, recording.techniques));
  const windowsEvents = events.filter((event) => getField(event, 'winlog.event_id') !== undefined).length;
  return { recording, events: events.length, windowsEvents, refused, alerts, specific };
}

/**
 * Whether Sigma tags (`attack.t1003.001`) name one of the techniques. A parent technique counts for
 * a sub-technique and a sub-technique for its parent: `attack.t1003` for T1003.001 and the reverse.
 */
export function namesTechnique(tags: readonly string[], techniques: readonly string[]): boolean {
  const wanted = techniques.map((technique) => technique.toLowerCase());
  return tags.some((tag) => {
    const match = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(tag);
    if (!match) return false;
    const tagged = match[1]!.toLowerCase();
    return wanted.some((technique) => technique === tagged || technique.startsWith(`${tagged}.`) || tagged.startsWith(`${technique}.`));
  });
}
