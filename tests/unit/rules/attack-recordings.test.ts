import { expect } from 'chai';
import path from 'node:path';
import { DetectionEngine } from '../../../detectors/detection-engine.js';
import { loadRecordings, replayRecording, type RecordingResult } from '../../support/attack-recordings.js';

/**
 * Issue 16: on real recorded attacks (OTRF Security-Datasets, see tests/fixtures/attack-recordings)
 * the default rule set, loaded as the service loads it, must raise an alert of the recorded technique
 * for at least 10 of the 12 recordings. Generic alerts (a logon, a cleared log) do not count.
 */
const REQUIRED = 10;
const recordings = loadRecordings();

function firedRules(result: RecordingResult): string {
  const titles = [...new Set(result.specific.map((alert) => `${alert.rule.title} (${alert.rule.level})`))];
  return titles.length > 0 ? titles.join('; ') : 'none';
}

describe('rules > default rule set on recorded attacks', function () {
  this.timeout(120_000);
  const results = new Map<string, RecordingResult>();

  before(async () => {
    const { engine } = await DetectionEngine.load(path.resolve('rules'));
    for (const recording of recordings) results.set(recording.name, replayRecording(engine, recording));
    console.table(
      [...results.values()].map((result) => ({
        recording: result.recording.name,
        techniques: result.recording.techniques.join(' '),
        events: result.events,
        alerts: result.alerts.length,
        specific: firedRules(result),
      })),
    );
  });

  it(`has ${recordings.length} recordings of distinct techniques, every line parsed`, () => {
    expect(recordings).to.have.length(12);
    expect(new Set(recordings.map((recording) => recording.techniques[0])).size).to.equal(recordings.length);
    for (const result of results.values()) expect(result.refused, result.recording.name).to.deep.equal([]);
  });

  it(`raises a technique-specific alert for at least ${REQUIRED} of ${recordings.length} recordings`, () => {
    const detected = [...results.values()].filter((result) => result.specific.length > 0).map((result) => result.recording.name);
    const missed = recordings.map((recording) => recording.name).filter((name) => !detected.includes(name));
    expect(detected.length, `missed: ${missed.join(', ')}`).to.be.at.least(REQUIRED);
  });

  for (const recording of recordings) {
    it(`${recording.name} (${recording.techniques.join(', ')}): replays and reports the rules that fired`, () => {
      const result = results.get(recording.name)!;
      expect(result.events).to.be.greaterThan(0);
      // Read as Windows events (not as generic JSON), or no Windows rule could ever match them.
      expect(result.windowsEvents, 'events with winlog.event_id').to.equal(result.events);
      // Which rules recognised it is reported in the table above; the threshold test judges coverage.
      console.log(`      ${recording.name}: ${firedRules(result)}`);
    });
  }
});
