// `npm test`'s runner: Node's test runner on the compiled test files, out/test/**/*.test.js. Given the
// folder instead, Node 20's runner also runs every other module under a `test` folder (the shared
// helpers) as a test file of its own, each counted as a passing test that asserted nothing; and it
// expands no globs before Node 21. A compiled test whose source is gone (deleted or renamed since the
// last compile) is not run. Arguments are passed on (e.g. --test-name-pattern=...).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const dir = path.join('out', 'test');
const files = (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }) : [])
  .filter((f) => f.endsWith('.test.js') && fs.existsSync(path.join('test', f.replace(/\.js$/, '.ts'))))
  .map((f) => path.join(dir, f))
  .sort();
if (!files.length) {
  console.error(`no compiled tests in ${dir}: run npm run compile-tests first`);
  process.exit(2);
}
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
