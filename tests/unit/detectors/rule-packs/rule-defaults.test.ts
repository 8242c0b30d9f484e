import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ValidationError } from '../../../../core/errors.js';
import { packOf } from '../../../../detectors/rule-packs/pack-of.js';
import { isReceived } from '../../../../detectors/rule-packs/received-log-sources.js';
import { RuleDefaults } from '../../../../detectors/rule-packs/rule-defaults.js';
import { NO_TUNING, readSigmahqTuning, TUNING_FILE } from '../../../../detectors/rule-packs/sigmahq-tuning.js';

const SIGMAHQ = '/srv/lagebild/rules/sigmahq';

describe('detectors > rule packs', () => {
  describe('packOf', () => {
    it('sorts generic SigmaHQ rules by status and level as SigmaHQ builds its release packages', () => {
      const generic = `${SIGMAHQ}/rules/windows/process_creation/x.yml`;
      expect(packOf({ file: generic, status: 'stable', level: 'critical' })).to.equal('core');
      expect(packOf({ file: generic, status: 'test', level: 'high' })).to.equal('core');
      expect(packOf({ file: generic, status: 'test', level: 'medium' })).to.equal('core+');
      expect(packOf({ file: generic, status: 'experimental', level: 'critical' })).to.equal('core++');
      expect(packOf({ file: generic, status: 'stable', level: 'low' })).to.equal('core++');
      expect(packOf({ file: generic, level: 'high' })).to.equal('core++');
    });

    it('takes emerging threats and threat hunting from their folders, whatever their level', () => {
      expect(packOf({ file: `${SIGMAHQ}/rules-emerging-threats/2024/x.yml`, status: 'stable', level: 'critical' })).to.equal('emerging-threats');
      expect(packOf({ file: `${SIGMAHQ}/rules-threat-hunting/windows/x.yml`, status: 'test', level: 'low' })).to.equal('threat-hunting');
    });

    it('counts every rule outside sigmahq/<rule folder>/ as Lagebild’s own', () => {
      expect(packOf({ file: '/srv/lagebild/rules/sigma/linux/x.yml', status: 'stable', level: 'high' })).to.equal('lagebild');
      expect(packOf({ file: '/data/sigma/rules/windows/x.yml', status: 'stable', level: 'high' })).to.equal('lagebild');
      expect(packOf({ file: `${SIGMAHQ}/other/x.yml`, status: 'stable', level: 'high' })).to.equal('lagebild');
      expect(packOf({ file: 'C:\\lagebild\\rules\\sigmahq\\rules\\windows\\x.yml', status: 'test', level: 'medium' })).to.equal('core+');
    });
  });

  describe('isReceived', () => {
    it('accepts what Winlogbeat collects by default, Linux, and network sources of any product', () => {
      expect(isReceived({ product: 'windows', category: 'process_creation' })).to.equal(true);
      expect(isReceived({ product: 'windows', service: 'security' })).to.equal(true);
      expect(isReceived({ product: 'windows', category: 'ps_script' })).to.equal(true);
      expect(isReceived({ product: 'linux', service: 'auditd' })).to.equal(true);
      expect(isReceived({ category: 'proxy' })).to.equal(true);
      expect(isReceived({ product: 'zeek', category: 'dns' })).to.equal(true);
      expect(isReceived({ category: 'webserver' })).to.equal(true);
    });

    it('refuses cloud, macOS, application logs and Windows channels Winlogbeat does not collect by default', () => {
      expect(isReceived({ product: 'azure', service: 'signinlogs' })).to.equal(false);
      expect(isReceived({ product: 'macos', category: 'process_creation' })).to.equal(false);
      expect(isReceived({ product: 'windows', service: 'windefend' })).to.equal(false);
      expect(isReceived({ product: 'windows' })).to.equal(false);
      expect(isReceived({ category: 'application', product: 'jvm' })).to.equal(false);
      expect(isReceived({ category: 'antivirus' })).to.equal(false);
    });
  });

  describe('RuleDefaults', () => {
    const rule = (id: string, folder: string, status: string, level: 'high' | 'medium', logsource = { product: 'windows', category: 'process_creation' }) => ({ id, file: `${SIGMAHQ}/${folder}/x-${id}.yml`, status, level, logsource });
    const rules = [
      rule('core-received', 'rules', 'test', 'high'),
      rule('core-cloud', 'rules', 'test', 'high', { product: 'aws', category: 'cloudtrail' }),
      rule('core-noisy', 'rules', 'stable', 'high'),
      rule('coreplus', 'rules', 'test', 'medium'),
      rule('coreplus-chosen', 'rules', 'test', 'medium'),
      rule('emerging', 'rules-emerging-threats', 'test', 'high'),
      { id: 'own', file: '/srv/lagebild/rules/sigma/own.yml', status: 'experimental', level: 'medium' as const },
    ];
    const tuning = {
      on: new Map([['coreplus-chosen', { title: 'chosen', reason: 'covers DCSync' }]]),
      off: new Map([['core-noisy', { title: 'noisy', reason: 'fires on every install' }]]),
    };

    it('runs Core for received log sources and Lagebild’s rules; the tuning overrides a pack’s default with its reason', () => {
      const defaults = new RuleDefaults(rules, tuning);
      expect(defaults.of('core-received')).to.deep.equal({ pack: 'core', enabled: true, basis: 'received', reason: 'Core rule for a log source Lagebild receives' });
      expect(defaults.of('core-cloud')).to.include({ pack: 'core', enabled: false, basis: 'not-received' });
      expect(defaults.of('core-noisy')).to.deep.equal({ pack: 'core', enabled: false, basis: 'tuned-off', reason: 'fires on every install' });
      expect(defaults.of('coreplus')).to.include({ pack: 'core+', enabled: false, basis: 'pack-off' });
      expect(defaults.of('coreplus-chosen')).to.deep.equal({ pack: 'core+', enabled: true, basis: 'tuned-on', reason: 'covers DCSync' });
      expect(defaults.of('emerging')).to.include({ pack: 'emerging-threats', enabled: false });
      expect(defaults.of('own')).to.include({ pack: 'lagebild', enabled: true });
      expect(defaults.offByDefault().sort()).to.deep.equal(['core-cloud', 'core-noisy', 'coreplus', 'emerging']);
    });

    it('never switches Lagebild’s own rules off, even when the tuning names them', () => {
      const defaults = new RuleDefaults(rules, { on: new Map(), off: new Map([['own', { title: 'own', reason: 'no' }]]) });
      expect(defaults.of('own').enabled).to.equal(true);
    });
  });

  describe('readSigmahqTuning', () => {
    let rulesDir: string;
    beforeEach(() => {
      rulesDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-tuning-'));
      mkdirSync(path.join(rulesDir, 'sigmahq-tuning'));
    });
    afterEach(() => rmSync(rulesDir, { recursive: true, force: true }));

    it('reads on and off with titles and reasons; a rules directory without the file has none', async () => {
      writeFileSync(path.join(rulesDir, TUNING_FILE), JSON.stringify({ on: { a: { title: 'A', reason: 'because' } }, off: {} }));
      const tuning = await readSigmahqTuning(rulesDir);
      expect([...tuning.on]).to.deep.equal([['a', { title: 'A', reason: 'because' }]]);
      expect(tuning.off.size).to.equal(0);
      expect(await readSigmahqTuning(path.join(rulesDir, 'nowhere'))).to.equal(NO_TUNING);
    });

    it('refuses a choice without a reason, naming the file and the rule', async () => {
      writeFileSync(path.join(rulesDir, TUNING_FILE), JSON.stringify({ off: { b: { title: 'B', reason: ' ' } } }));
      const error = await readSigmahqTuning(rulesDir).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(ValidationError);
      expect((error as Error).message).to.include('"off"."b" needs a title and a reason');
    });
  });
});
