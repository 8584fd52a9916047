// Longer fuzzing than the CI test: `npm run fuzz [-- RUNS [SEED]]` (default 200,000 runs, random seed).
// Runs the same property as test/fuzz/fuzz.test.ts in batches, printing progress; exits 1 with the
// shrunk counterexample and its seed on the first failure.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { runFuzz } = require(path.join(root, 'out/test/fuzz/property.js'));
const fc = require('fast-check');

const total = Number(process.argv[2] ?? 200_000);
let seed = process.argv[3] !== undefined ? Number(process.argv[3]) : Date.now() ^ (Math.random() * 0x7fffffff);
const batch = 10_000;
const started = Date.now();
for (let done = 0; done < total; done += batch, seed++) {
  const runs = Math.min(batch, total - done);
  const r = runFuzz(runs, seed);
  if (r.failed) {
    console.error(fc.defaultReportMessage(r));
    console.error(`\nReproduce with: npm run fuzz -- ${runs} ${seed}`);
    process.exit(1);
  }
  console.log(`${done + runs}/${total} runs ok (seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s)`);
}
