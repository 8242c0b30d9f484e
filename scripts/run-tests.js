// Runs the compiled test suites (npm test builds first) and ends with the line CI reads:
// "N passed, N failed". Mocha's own summary is for people; this line is for the CI runner.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

// `npm test -- unit contract` runs only those folders of tests/.
const folders = process.argv.slice(2);
const roots = (folders.length > 0 ? folders : ['']).map((folder) => path.join('dist/tests', folder));
const files = roots.flatMap((root) => (existsSync(root) ? readdirSync(root, { recursive: true, encoding: 'utf8' }) : []).filter((file) => file.endsWith('.test.js')).map((file) => path.join(root, file))).sort();

const mocha = new Mocha({ timeout: 20_000, reporter: 'spec' });
for (const file of files) mocha.addFile(file);
await mocha.loadFilesAsync();

const runner = mocha.run();
let passed = 0;
let failed = 0;
runner.on('pass', () => (passed += 1));
runner.on('fail', () => (failed += 1));
runner.on('end', () => {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || files.length === 0 ? 1 : 0);
});
