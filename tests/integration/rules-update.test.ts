import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DetectionEngine } from '../../detectors/detection-engine.js';
import { EngineRulesCatalog } from '../../detectors/rules-catalog.js';
import { lagebild } from '../support/run-cli.js';
import { writeZip, type ZipEntry } from '../support/zip-archive.js';

const FIXTURES = path.resolve('tests/fixtures/sigmahq-release');
const IDS = {
  base64: 'e2072cab-8c9a-459b-b63c-40ae79e27031',
  overpass: '192a0330-c20b-4356-90b6-7b7049ae0b87',
  wmic: '7773b877-5abb-4a3e-b9c9-fd0369b59b00',
  antivirus: '238527ad-3c2c-4e4f-a1f6-92fd63adb864',
  clipboard: '7794fa3c-edea-4cff-bec7-267dd4770fd7',
  devShm: '5cd16c8f-44a6-4654-81e7-a84d6db507d4',
  replication: '17d619c1-e020-4347-957e-1d1207455c93',
  obfuscation: '27aec9c9-dbb0-4939-8422-1742242471d0',
};

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The fixture release as SigmaHQ's release script would zip it: repository paths and version.txt. */
function releaseZip(directory: string, release: string): string {
  const root = path.join(FIXTURES, release);
  const file = path.join(directory, `${release}.zip`);
  writeZip(file, filesUnder(root).map((name): ZipEntry => ({ name, data: readFileSync(path.join(root, name)) })));
  return file;
}

describe('cli > lagebild rules update', function () {
  this.timeout(60_000);
  let work: string;
  let rulesDir: string;
  let dataDir: string;
  const update = (...args: string[]) => lagebild(['rules', 'update', ...args, '--rules-dir', rulesDir, '--data-dir', dataDir]);

  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'lagebild-rules-update-'));
    rulesDir = path.join(work, 'rules');
    dataDir = path.join(work, 'data');
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('installs a release into an empty rules directory and names every rule it adds', async () => {
    const result = await update(releaseZip(work, 'r2026-04-01'));
    expect(result.stderr).to.equal('');
    expect(result.code).to.equal(0);
    expect(result.stdout).to.include('added 6, changed 0, removed 0, unchanged 0');
    expect(result.stdout).to.match(new RegExp(`\\+ ${IDS.overpass} Successful Overpass the Hash Attempt \\[core, on by default\\]`));
    expect(result.stdout).to.include('local choices: none');
    expect(filesUnder(path.join(rulesDir, 'sigmahq'))).to.deep.equal(['version.txt', ...filesUnder(path.join(FIXTURES, 'r2026-04-01')).filter((name) => name !== 'version.txt')].sort());
    expect(readFileSync(path.join(rulesDir, 'sigmahq', 'version.txt'), 'utf8')).to.include('Label: r2026-04-01');
  });

  it('shows what a newer release changes, installs nothing on a dry run, and keeps local choices through the update', async () => {
    await update(releaseZip(work, 'r2026-04-01'));
    const stateFile = path.join(dataDir, 'rule-state.json');
    const choices = `${JSON.stringify({ enabled: [IDS.wmic], disabled: [IDS.overpass, IDS.clipboard] }, null, 2)}\n`;
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(stateFile, choices);
    const newer = releaseZip(work, 'r2026-07-01');
    const before = readFileSync(path.join(rulesDir, 'sigmahq/rules/linux/process_creation/proc_creation_lnx_base64_decode.yml'), 'utf8');

    const dryRun = await update(newer, '--dry-run');
    expect(dryRun.code).to.equal(0);
    expect(dryRun.stdout).to.include('added 1, changed 4, removed 1, unchanged 1');
    expect(dryRun.stdout).to.include(`+ ${IDS.devShm} Process Execution From Shared Memory Directory`);
    expect(dryRun.stdout).to.include(`~ ${IDS.antivirus} Antivirus - Exploitation Framework Signature`);
    expect(dryRun.stdout).to.include(`- ${IDS.clipboard} Clipboard Data Collection Via OSAScript`);
    expect(dryRun.stdout).to.include('local choices kept: 1 switched on, 2 switched off');
    expect(dryRun.stdout).to.match(new RegExp(`for changed rules: .*${IDS.overpass}`));
    expect(dryRun.stdout).to.include(`for rules this release drops (apply again if they return): ${IDS.clipboard}`);
    expect(dryRun.stderr).to.match(/r2026-07-01\.zip:rules\/windows\/process_creation\/proc_creation_win_hktl_invoke_obfuscation_var\.yml:\d+: regular expression/);
    expect(dryRun.stdout).to.include('1 rules not installed: they have errors');
    expect(dryRun.stdout).to.include('dry run: nothing installed');
    expect(readFileSync(path.join(rulesDir, 'sigmahq/rules/linux/process_creation/proc_creation_lnx_base64_decode.yml'), 'utf8')).to.equal(before);

    const real = await update(newer);
    expect(real.code).to.equal(0);
    const installed = filesUnder(path.join(rulesDir, 'sigmahq'));
    expect(installed).to.include('rules/category/antivirus/av_exploitation_framework.yml');
    expect(installed).to.not.include('rules/category/antivirus/av_exploiting.yml');
    expect(installed).to.not.include('rules/macos/process_creation/proc_creation_macos_clipboard_data_via_osascript.yml');
    expect(installed).to.not.include('rules/windows/process_creation/proc_creation_win_hktl_invoke_obfuscation_var.yml');
    expect(installed.some((name) => name.startsWith('.'))).to.equal(false);
    expect(readFileSync(stateFile, 'utf8')).to.equal(choices);

    const { engine, problems, defaults } = await DetectionEngine.load(rulesDir);
    expect(problems.filter((problem) => problem.severity === 'error')).to.deep.equal([]);
    const catalog = await EngineRulesCatalog.open({ engine, defaults, rulesDir, dataDir });
    const byId = new Map(catalog.list().map((rule) => [rule.id, rule]));
    expect(byId.get(IDS.wmic)).to.include({ pack: 'core+', enabledByDefault: false, enabled: true });
    expect(byId.get(IDS.overpass)).to.include({ pack: 'core', enabledByDefault: true, enabled: false });
    expect(byId.get(IDS.replication)).to.include({ pack: 'core', enabledByDefault: true, enabled: true });
    expect(byId.get(IDS.devShm)).to.include({ pack: 'core++', enabled: false });
    expect(byId.has(IDS.obfuscation)).to.equal(false);
  });

  it('refuses an archive with a name outside the rule folders and writes nothing', async () => {
    const hostile = path.join(work, 'hostile.zip');
    const rule = readFileSync(path.join(FIXTURES, 'r2026-07-01/rules/linux/process_creation/proc_creation_lnx_base64_decode.yml'));
    writeZip(hostile, [
      { name: 'rules/linux/ok.yml', data: rule },
      { name: '../../escaped.yml', data: rule },
    ]);
    const result = await update(hostile);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/hostile\.zip: .*\.\./);
    expect(existsSync(path.join(rulesDir, 'sigmahq'))).to.equal(false);
    expect(existsSync(path.join(work, '..', 'escaped.yml'))).to.equal(false);
  });

  it('leaves entries that are not rules aside and refuses an archive without rules', async () => {
    const notRelease = path.join(work, 'other.zip');
    writeZip(notRelease, [{ name: 'README.md', data: '# not rules' }, { name: 'rules/notes.txt', data: 'x' }]);
    const result = await update(notRelease);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('not a SigmaHQ release archive');

    const garbage = path.join(work, 'garbage.zip');
    writeFileSync(garbage, 'this is not a zip file');
    const broken = await update(garbage);
    expect(broken.code).to.equal(2);
    expect(broken.stderr).to.match(/garbage\.zip: not a readable zip archive/);
  });
});
