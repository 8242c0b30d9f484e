import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createAttributor } from '../../collectors/attribution/attributor.js';
import { normaliseEvent } from '../../collectors/normalise-event.js';
import { getParser } from '../../collectors/parsers/registry.js';
import type { Alert } from '../../core/domain/alert.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';

export const ATTACK_RECORDINGS = path.resolve('tests/fixtures/attack-recordings');

/** A rule that counts for a recording although it carries none of the technique's tags. */
export interface CountingRule {
  id: string;
  reason: string;
}

/** One recording of tests/fixtures/attack-recordings/manifest.json. */
export interface AttackRecording {
  name: string;
  file: string;
  /** The ATT&CK technique the recording shows. */
  technique: string;
  /** Sigma tags (`attack.t1003.001`) that make an alert specific to this technique. */
  tags: string[];
  rules: CountingRule[];
}

/** What one recording raised: every alerting rule, and which of them are specific to its technique. */
export interface RecordingOutcome {
  recording: AttackRecording;
  lines: number;
  rejected: string[];
  alertingRules: { id: string; title: string; count: number; specific: boolean }[];
}

export function loadAttackRecordings(): AttackRecording[] {
  return JSON.parse(readFileSync(path.join(ATTACK_RECORDINGS, 'manifest.json'), 'utf8')) as AttackRecording[];
}

export function recordingLines(recording: AttackRecording): string[] {
  const raw = readFileSync(path.join(ATTACK_RECORDINGS, recording.file));
  const text = recording.file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text.split('\n').filter((line) => line.trim() !== '');
}

// The lab's addresses belong to one organisation, as a municipality's network would.
const attributor = createAttributor([
  { id: 'lab', name: 'Recording lab', kind: 'municipal', parentId: null, networks: ['0.0.0.0/0', '::/0'], domains: [], contacts: [], reportingRegime: 'none', critical: false },
]);

/**
 * Loads a rule tree once and hands out fresh engines over it, each with the rules the loaded one has
 * switched off switched off too: correlations and folding are stateful, so recordings must not share
 * an engine, and loading the tree per recording would cost seconds each with SigmaHQ's rules.
 */
export async function engineFactory(rulesPath: string): Promise<() => DetectionEngine> {
  const { engine } = await DetectionEngine.load(rulesPath);
  const { sigmaRules, correlations, iocLists } = engine.rules();
  const disabled = [...sigmaRules, ...correlations, ...iocLists].map((rule) => rule.id).filter((id) => !engine.isEnabled(id));
  return () => {
    const fresh = new DetectionEngine({ sigmaRules: [...sigmaRules], correlations: [...correlations], iocLists: [...iocLists], options: engine.options });
    for (const id of disabled) fresh.setEnabled(id, false);
    return fresh;
  };
}

/**
 * Replays a recording the way the service sees it: each line through the named parser and the
 * collector's normalisation, then through the engine.
 */
export function replayRecording(recording: AttackRecording, engine: DetectionEngine, parserName = 'auto'): RecordingOutcome {
  const parser = getParser(parserName);
  if (!parser) throw new Error(`no parser named ${parserName}`);
  // A fixed arrival time: an event whose own time the parser misses then shows as far from its neighbours.
  const receivedAt = new Date('2026-01-01T00:00:00Z');
  const lines = recordingLines(recording);
  const rejected: string[] = [];
  const alerts: Alert[] = [];
  for (const line of lines) {
    const outcome = parser.parse(line, { receivedAt });
    if (!outcome.ok) {
      rejected.push(outcome.reason);
      continue;
    }
    alerts.push(...engine.process(normaliseEvent(outcome.event, receivedAt, attributor)));
  }
  alerts.push(...engine.flush());
  return { recording, lines: lines.length, rejected, alertingRules: summarise(alerts, recording) };
}

function summarise(alerts: readonly Alert[], recording: AttackRecording): RecordingOutcome['alertingRules'] {
  const countingTags = new Set(recording.tags.map((tag) => tag.toLowerCase()));
  const countingIds = new Set(recording.rules.map((rule) => rule.id));
  const byRule = new Map<string, RecordingOutcome['alertingRules'][number]>();
  for (const alert of alerts) {
    const seen = byRule.get(alert.rule.id);
    if (seen) {
      seen.count += alert.alert.count;
      continue;
    }
    const specific = countingIds.has(alert.rule.id) || alert.tags.some((tag) => countingTags.has(tag.toLowerCase()));
    byRule.set(alert.rule.id, { id: alert.rule.id, title: alert.rule.title, count: alert.alert.count, specific });
  }
  return [...byRule.values()].sort((a, b) => Number(b.specific) - Number(a.specific) || b.count - a.count);
}

export const isDetected = (outcome: RecordingOutcome): boolean => outcome.alertingRules.some((rule) => rule.specific);
