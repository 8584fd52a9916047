/** Property-based fuzzing of the engine (fast-check): 10,000 runs here; `npm run fuzz` runs longer. */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { checkText, mutate, runFuzz, CORPUS } from './property';

test('fuzz regressions: inputs that once broke the engine', () => {
  for (const text of [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "unterminated',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: x\n  self: *m\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: [a, b',
    '- - - - - - x\n',
    mutate(CORPUS[0], [{ op: 'insert', at: 3, col: 0, text: '\u0000' }]),
    mutate(CORPUS[2], [{ op: 'scalar', at: 17, value: '*a' }]),
  ]) {
    checkText(text);
  }
});

test('fuzz: random and mutated manifests never break the engine, stay in range and are deterministic', { timeout: 600_000 }, () => {
  const runs = Number(process.env.DAYTWO_FUZZ_RUNS ?? 10_000);
  const r = runFuzz(runs);
  assert.ok(!r.failed, fc.defaultReportMessage(r) ?? 'failed');
  assert.equal(r.numRuns, runs);
});
