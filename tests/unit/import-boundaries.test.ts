import { expect } from 'chai';
import { ESLint } from 'eslint';

/**
 * The boundaries of ARCHITECTURE.md are lint rules (eslint.config.js); these tests prove the rules
 * bite, and that the tree as it stands keeps them and every other lint rule.
 */
describe('architecture > import boundaries', function () {
  this.timeout(240_000);
  const eslint = new ESLint({ cwd: process.cwd() });

  const violations = async (filePath: string, source: string) => {
    const [result] = await eslint.lintText(source, { filePath });
    return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').length;
  };

  it('refuses core importing anything else, collectors importing detectors, and anyone but cli picking adapters', async () => {
    expect(await violations('core/example.ts', "import { x } from '../adapters/store/sqlite/sqlite-store.js';\nexport const y = x;\n")).to.equal(1);
    expect(await violations('core/example.ts', "import { x } from '../collectors/collector-pipeline.js';\nexport const y = x;\n")).to.equal(1);
    expect(await violations('collectors/example.ts', "import { x } from '../detectors/detection-engine.js';\nexport const y = x;\n")).to.equal(1);
    expect(await violations('api/example.ts', "import { x } from '../adapters/bus/memory/memory-bus.js';\nexport const y = x;\n")).to.equal(1);
    expect(await violations('workflows/example.ts', "import { x } from '../adapters/mail/smtp-mailer.js';\nexport const y = x;\n")).to.equal(1);
    expect(await violations('cli/example.ts', "import { x } from '../adapters/store/sqlite/sqlite-store.js';\nexport const y = x;\n")).to.equal(0);
  });

  it('finds no lint error anywhere in the tree', async () => {
    const results = await eslint.lintFiles(['.']);
    const errors = results.flatMap((result) => result.messages.filter((message) => message.severity === 2).map((message) => `${result.filePath}:${message.line}: ${message.message}`));
    expect(errors).to.deep.equal([]);
  });
});
