import { expect } from 'chai';
import path from 'node:path';
import { engineFactory, isDetected, loadAttackRecordings, replayRecording, type RecordingOutcome } from '../../support/attack-recordings.js';

/**
 * Issue 16: on public recordings of real Windows attacks (OTRF Security-Datasets, see the fixture
 * README), the default rule set must raise an alert specific to the recorded technique for at least
 * 10 of 12. Specific means the alerting rule carries one of the technique's tags listed in the
 * manifest, or is named there with the reason; a generic rule that happens to fire does not count.
 */
const DEFAULT_RULES = path.resolve('rules');
const REQUIRED = 10;

function table(outcomes: readonly RecordingOutcome[]): string {
  return outcomes
    .map((outcome) => {
      const { recording, alertingRules } = outcome;
      const specific = alertingRules.filter((rule) => rule.specific).map((rule) => `${rule.title} (${rule.count})`);
      const others = alertingRules.length - specific.length;
      return `      ${isDetected(outcome) ? 'yes' : 'no '} ${recording.name.padEnd(36)} ${recording.technique.padEnd(10)} ${specific.join('; ') || '-'}${others > 0 ? ` [+${others} other rules]` : ''}`;
    })
    .join('\n');
}

describe('rules > attack recordings (default rule set)', function () {
  this.timeout(120_000);
  const recordings = loadAttackRecordings();
  const outcomes: RecordingOutcome[] = [];

  before(async () => {
    const freshEngine = await engineFactory(DEFAULT_RULES);
    for (const recording of recordings) outcomes.push(replayRecording(recording, freshEngine()));
    console.log(table(outcomes));
  });

  it('holds twelve recordings, each naming the tags that make an alert specific to its technique', () => {
    expect(recordings).to.have.length(12);
    for (const recording of recordings) {
      expect(recording.tags, recording.name).to.include(`attack.${recording.technique.toLowerCase()}`);
      for (const rule of recording.rules) expect(rule.reason, `${recording.name}: ${rule.id}`).to.match(/\S/);
    }
  });

  it('parses every line of every recording', () => {
    for (const outcome of outcomes) expect(outcome.rejected, outcome.recording.name).to.deep.equal([]);
  });

  it(`raises technique-specific alerts for at least ${REQUIRED} of the 12 recordings`, () => {
    const detected = outcomes.filter(isDetected).map((outcome) => outcome.recording.name);
    const missed = outcomes.filter((outcome) => !isDetected(outcome)).map((outcome) => outcome.recording.name);
    expect(detected.length, `missed: ${missed.join(', ')}`).to.be.at.least(REQUIRED);
  });
});
