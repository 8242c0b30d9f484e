import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { silentLogger } from '../../../../core/logging.js';
import { DetectionEngine } from '../../../../detectors/detection-engine.js';
import { watchIocLists } from '../../../../detectors/ioc/watch-ioc-lists.js';

const contact = (ip: string, second: number): EcsEvent => ({ '@timestamp': `2025-03-03T10:00:${String(second).padStart(2, '0')}Z`, event: { id: `c-${second}` }, destination: { ip }, organization: { id: 'gemeinde-a' } });

describe('detectors > ioc > watch-ioc-lists', () => {
  let rulesDir: string;
  beforeEach(() => {
    rulesDir = mkdtempSync(path.join(tmpdir(), 'lagebild-ioc-'));
    mkdirSync(path.join(rulesDir, 'ioc'));
    writeFileSync(path.join(rulesDir, 'ioc', 'c2.txt'), '# level: critical\n192.0.2.1\n');
  });
  afterEach(() => rmSync(rulesDir, { recursive: true, force: true }));

  it('swaps changed lists into the live engine', async () => {
    const { engine } = await DetectionEngine.load(rulesDir);
    const watch = watchIocLists(engine, rulesDir, silentLogger());
    try {
      expect(engine.process(contact('192.0.2.9', 0))).to.deep.equal([]);
      writeFileSync(path.join(rulesDir, 'ioc', 'c2.txt'), '# level: critical\n192.0.2.1\n192.0.2.9\n');
      let second = 1;
      while (engine.process(contact('192.0.2.9', second)).length === 0) {
        second = (second % 59) + 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(engine.rules().iocLists[0]!.indicators.map((indicator) => indicator.value)).to.deep.equal(['192.0.2.1', '192.0.2.9']);
    } finally {
      watch.close();
    }
  });

  it('does nothing for a rules directory without IOC lists', () => {
    rmSync(path.join(rulesDir, 'ioc'), { recursive: true });
    const engine = new DetectionEngine({ sigmaRules: [], correlations: [], iocLists: [] });
    expect(() => watchIocLists(engine, rulesDir, silentLogger()).close()).to.not.throw();
  });
});
