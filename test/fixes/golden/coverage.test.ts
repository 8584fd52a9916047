/**
 * Every rule of the registry that offers a fix has golden tests in every layout (block, flow, comments,
 * 4 spaces, CRLF), or a layout is declared not applicable with a reason. A new fixable rule cannot land
 * without goldens: add its cases to the golden file of its category (or a new `<name>.test.ts` here).
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../server/src/rules/registry';
import { LAYOUTS, type Golden, type NotApplicable } from './harness';

interface GoldenModule {
  GOLDENS?: Golden[];
  NOT_APPLICABLE?: NotApplicable[];
}

function loadAll(): { goldens: Golden[]; na: NotApplicable[]; files: string[] } {
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && f !== path.basename(__filename));
  const goldens: Golden[] = [];
  const na: NotApplicable[] = [];
  for (const f of files) {
    // Loading a golden file here registers no tests: each runs its cases only as the main module.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const m = require(path.join(__dirname, f)) as GoldenModule;
    assert.ok(Array.isArray(m.GOLDENS), `${f} exports GOLDENS`);
    goldens.push(...m.GOLDENS!);
    na.push(...(m.NOT_APPLICABLE ?? []));
  }
  return { goldens, na, files };
}

test('every fixable rule has golden quick-fix tests in every layout', () => {
  const { goldens, na, files } = loadAll();
  assert.ok(files.length >= 6, `golden files found: ${files.join(', ')}`);
  const missing: string[] = [];
  for (const rule of RULES.filter((r) => r.fix)) {
    for (const layout of LAYOUTS) {
      const covered = goldens.some((g) => g.rule === rule.id && g.layouts.includes(layout));
      const excused = na.some((n) => n.rule === rule.id && n.layout === layout && n.reason.trim().length > 0);
      if (!covered && !excused) missing.push(`${rule.id} [${layout}]`);
    }
  }
  assert.deepEqual(missing, [], 'add golden cases in test/fixes/golden for these rules and layouts');
});

test('goldens name only fixable rules of the registry, and test names are unique', () => {
  const { goldens, na } = loadAll();
  const fixable = new Set(RULES.filter((r) => r.fix).map((r) => r.id));
  for (const g of goldens) assert.ok(fixable.has(g.rule), `${g.rule} (golden '${g.name}') is a fixable rule`);
  for (const n of na) assert.ok(fixable.has(n.rule), `${n.rule} (not applicable) is a fixable rule`);
  const names = goldens.map((g) => `${g.rule}: ${g.name}`);
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), [], 'duplicate golden names');
  for (const g of goldens) {
    if (g.layouts.includes('crlf')) assert.ok(g.input.includes('\r\n') && !/[^\r]\n/.test(g.input), `${g.name}: CRLF input`);
    else assert.ok(!g.input.includes('\r'), `${g.name}: LF input`);
  }
});
