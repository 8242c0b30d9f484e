import { expect } from 'chai';
import { runHostileFuzz } from '../../bench/suites/fuzz-harness.js';
import { HOSTILE_CLASSES } from '../../bench/traffic/hostile-traffic.js';

// The CI size of `npm run bench -- fuzz` (issue 14): same generator, same harness, same invariants.
const UNITS = 20_000;
const SEED = 14;

describe('security > hostile fuzz', function () {
  this.timeout(180_000);

  it(`takes ${UNITS} hostile units over UDP, TCP and HTTP ingest: no crash, every message an event or a dead letter, RSS bounded, /healthz under 1 s`, async () => {
    const report = await runHostileFuzz({ units: UNITS, seed: SEED, mix: { classes: HOSTILE_CLASSES }, unitsPerSecond: 4000, quietTimeoutMs: 60_000 });
    expect(report.invariants.filter((check) => !check.ok).map((check) => `${check.name}: ${check.detail}`), `service log: ${report.logFile}`).to.deep.equal([]);
    const sentClasses = new Set(Object.values(report.transports).flatMap((figures) => Object.keys(figures.byClass)));
    expect([...HOSTILE_CLASSES].filter((cls) => !sentClasses.has(cls)), 'classes never sent').to.deep.equal([]);
    expect(report.units).to.equal(UNITS);
  });
});
