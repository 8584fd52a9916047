/**
 * The rule catalog is a contract: every id in it exists in the registry with its category and a
 * default severity the catalog names, every rule whose row names a fix has one, and the generated
 * docs are up to date.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, ruleById } from '../server/src/rules/registry';
import { renderRuleDoc, updateReadme } from '../server/src/docs/render';

const repo = path.resolve(__dirname, '../..');
const contractCopy = path.join(repo, 'test/contract/rules.md');
const sharedSpec = path.join(repo, '../shared/spec/rules.md');

interface Row {
  id: string;
  category: string;
  severityCell: string;
  fixCell: string;
}

function parseCatalog(md: string): Row[] {
  const rows: Row[] = [];
  let category = '';
  for (const line of md.split('\n')) {
    const h = /^## (\w+)/.exec(line);
    if (h) category = h[1];
    const m = /^\| ([a-z0-9-]+) \| (.*?) \| (.*) \| (.*?) \|$/.exec(line);
    if (m && m[1] !== 'id') rows.push({ id: m[1], category, severityCell: m[2], fixCell: m[4] });
  }
  return rows;
}

const rows = parseCatalog(fs.readFileSync(contractCopy, 'utf8'));

test('the committed copy of the contract matches ../shared/spec/rules.md when it is there', (t) => {
  if (!fs.existsSync(sharedSpec)) return t.skip('no ../shared beside the checkout');
  assert.equal(fs.readFileSync(contractCopy, 'utf8'), fs.readFileSync(sharedSpec, 'utf8'));
});

test('the contract lists the rules we expect to read (parser sanity)', () => {
  assert.ok(rows.length >= 70, `only ${rows.length} rows parsed`);
  assert.ok(rows.some((r) => r.id === 'run-as-root' && r.category === 'privileges'));
});

for (const row of rows) {
  test(`contract rule ${row.id} exists with its category, severity and fix`, () => {
    const rule = ruleById(row.id);
    assert.ok(rule, `rule ${row.id} is not in the registry`);
    assert.equal(rule.category, row.category);
    const named: string[] = row.severityCell.match(/\b(error|warning|info)\b/g) ?? [];
    assert.ok(named.includes(rule.severity), `${row.id}: default severity ${rule.severity} is not one the catalog names (${row.severityCell})`);
    assert.equal(!!rule.defaultOff, /off by default/.test(row.severityCell), `${row.id}: default on/off differs from the catalog`);
    if (row.fixCell.trim() !== '-') assert.ok(rule.fix, `${row.id}: the catalog names a fix (${row.fixCell}) but the rule documents none`);
  });
}

test('rule ids are unique and every rule has docs fields', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of RULES) {
    assert.ok(r.description.length > 10, `${r.id} description`);
    assert.ok(r.rationale.length > 40, `${r.id} rationale`);
    assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  }
});

test('each rule lives in rules/<category>/<id>.ts', () => {
  for (const r of RULES) {
    assert.ok(fs.existsSync(path.join(repo, 'server/src/rules', r.category, `${r.id}.ts`)), `${r.id} is not in server/src/rules/${r.category}/${r.id}.ts`);
  }
});

test('docs/rules is generated from the registry and up to date (run npm run docs)', () => {
  const dir = path.join(repo, 'docs/rules');
  for (const r of RULES) {
    const file = path.join(dir, `${r.id}.md`);
    assert.ok(fs.existsSync(file), `docs/rules/${r.id}.md is missing: run npm run docs`);
    assert.equal(fs.readFileSync(file, 'utf8'), renderRuleDoc(r), `docs/rules/${r.id}.md is stale: run npm run docs`);
  }
  const extra = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && !ruleById(f.slice(0, -3)));
  assert.deepEqual(extra, [], 'docs for rules that no longer exist');
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  assert.equal(readme, updateReadme(readme, RULES), 'the README rule table is stale: run npm run docs');
});
