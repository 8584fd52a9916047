/** Hostile input through the engine: every case answers, with one clear diagnostic where it cannot analyse. */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Workspace } from '../../server/src/engine/workspace';
import { LineIndex } from '../../server/src/engine/text';
import { mergeConfig } from '../../server/src/engine/config';
import type { Finding } from '../../server/src/engine/types';
import { RULES } from '../../server/src/rules/registry';
import { defineRule } from '../../server/src/rules/types';
import { lint, yaml } from '../helpers';
import { HOSTILE, NORMAL_DEPLOYMENT, aliasBomb, checkHostile, type HostileCase } from './hostile';

function textOf(c: HostileCase): string {
  const raw = c.content();
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
}

function analyse(text: string, file = 'x.yaml', ws = new Workspace({ rules: RULES })): Finding[] {
  const uri = `file:///ws/${file}`;
  ws.update(uri, text);
  return ws.analyze(uri)!.findings;
}

for (const c of HOSTILE) {
  test(`engine answers: ${c.name}`, { timeout: 120_000 }, () => {
    const text = textOf(c);
    const findings = analyse(text, c.file);
    const lines = new LineIndex(text);
    for (const f of findings) {
      assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `${c.name}: range ${JSON.stringify(f.range)} inside ${text.length}`);
    }
    // Real findings on 10,000 analysed documents are not a flood of "cannot analyse".
    const bounded = c.file === 'many.yaml' ? findings.filter((f) => f.rule === 'file-skipped') : findings;
    checkHostile(c, bounded.map((f) => ({ rule: f.rule, message: f.message, line: lines.positionAt(f.range.start).line + 1 })));
  });
}

test('30,000 documents: one file-skipped, and the first 10,000 documents are still analysed', () => {
  const c = HOSTILE.find((h) => h.file === 'many.yaml')!;
  const findings = analyse(textOf(c));
  assert.equal(findings.filter((f) => f.rule === 'file-skipped').length, 1);
  assert.match(findings[0].message, /more than 10000 YAML documents.*first 10000/);
  const docs = new Set(findings.map((f) => f.docIndex));
  assert.ok(docs.has(9_999) && !docs.has(10_000), 'documents up to the limit are analysed, none after');
});

test('many broken documents give one file-skipped, counting the others, not one per document', () => {
  const text = Array.from({ length: 300 }, () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${aliasBomb('  ')}`).join('---\n');
  const findings = analyse(text);
  const skipped = findings.filter((f) => f.rule === 'file-skipped');
  assert.equal(skipped.length, 1);
  assert.match(skipped[0].message, /299 more documents of this file are not analysed either/);
});

test('a file of thousands of syntax errors reports a bounded number', () => {
  const text = Array.from({ length: 2_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x${i}\n`).join('---\n');
  const findings = analyse(text);
  assert.ok(findings.length > 0 && findings.length <= 100, `got ${findings.length}`);
});

test('a deep document next to a normal one: only the deep one is skipped, at its own top', () => {
  const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`;
  const text = NORMAL_DEPLOYMENT + '---\n' + deep;
  const findings = analyse(text);
  const skipped = findings.filter((f) => f.rule === 'file-skipped');
  assert.equal(skipped.length, 1);
  const line = new LineIndex(text).positionAt(skipped[0].range.start).line + 1;
  assert.equal(line, NORMAL_DEPLOYMENT.split('\n').length + 1, 'at the first line of the deep document, after its ---');
  assert.ok(findings.some((f) => f.rule !== 'file-skipped' && f.docIndex === 0), 'the normal document still gets its findings');
});

test('limits are settings: a lower maxDepth or maxAliasCount applies, a higher one lets the document through', () => {
  const nested = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: n}\ndata:\n  x: ${'['.repeat(30)}${']'.repeat(30)}\n`;
  const low = new Workspace({ rules: RULES, config: mergeConfig({ limits: { maxDepth: 10 } }) });
  assert.match(analyse(nested, 'x.yaml', low)[0]?.message ?? '', /deeper than 10 levels/);
  assert.equal(analyse(nested).filter((f) => f.rule === 'file-skipped').length, 0);
  const aliases = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  a: &a x\n  b: [*a, *a, *a, *a, *a, *a]\n`;
  const strict = new Workspace({ rules: RULES, config: mergeConfig({ limits: { maxAliasCount: 3 } }) });
  assert.match(analyse(aliases, 'x.yaml', strict)[0]?.message ?? '', /more than 3 aliases/);
  assert.equal(analyse(aliases).filter((f) => f.rule === 'file-skipped').length, 0);
  const docs = Array.from({ length: 5 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`).join('---\n');
  const few = new Workspace({ rules: RULES, config: mergeConfig({ limits: { maxDocuments: 2 } }) });
  assert.match(analyse(docs, 'x.yaml', few)[0]?.message ?? '', /more than 2 YAML documents/);
  const small = new Workspace({ rules: RULES, config: mergeConfig({ limits: { maxFileSize: 100 } }) });
  assert.match(analyse(NORMAL_DEPLOYMENT, 'x.yaml', small)[0]?.message ?? '', /over daytwo\.maxFileSize \(100 bytes\)/);
});

test('one list of a million items is declined before parsing (it would take minutes and gigabytes)', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  list:\n${'    - 1\n'.repeat(1_000_000)}`;
  const findings = analyse(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].rule, 'file-skipped');
  assert.match(findings[0].message, /more than 200,000 YAML nodes/);
});

test('a map of 60,000 keys parses in linear time (duplicate keys found with a hash set)', { timeout: 120_000 }, () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${Array.from({ length: 60_000 }, (_, i) => `  k${i}: v`).join('\n')}\n  k17: again\n`;
  const findings = analyse(text);
  const dup = findings.filter((f) => f.rule === 'yaml-syntax');
  assert.equal(dup.length, 1);
  assert.match(dup[0].message, /"k17" appears more than once/);
  assert.equal(text.slice(dup[0].range.start, dup[0].range.end), 'k17');
});

test('duplicate keys: one yaml-syntax error on the repeated key', () => {
  const findings = lint(NORMAL_DEPLOYMENT.replace('  replicas: 2\n', '  replicas: 2\n  replicas: 3\n'));
  assert.deepEqual(
    findings.map((f) => [f.rule, f.text, f.line]),
    [['yaml-syntax', 'replicas', 8]],
  );
});

test('aliases: unknown and self-referencing aliases are syntax errors, not alias bombs or crashes', () => {
  const unknown = lint(NORMAL_DEPLOYMENT.replace('replicas: 2', 'replicas: *nope'));
  assert.deepEqual(unknown.map((f) => [f.rule, f.text]), [['yaml-syntax', '*nope']]);
  assert.match(unknown[0].message, /Unknown alias \*nope/);
  const self = lint('apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: x\n  self: *m\n');
  assert.deepEqual(self.map((f) => [f.rule, f.text, f.line]), [['yaml-syntax', '*m', 5]]);
  // A chain of aliases that expands wide but stays under the alias count is still caught by size.
  const wide = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w}\ndata:\n  a: &a [${Array(2_000).fill('x').join(',')}]\n  b: [${Array(200).fill('*a').join(',')}]\n`;
  const f = lint(wide);
  assert.equal(f.length, 1);
  assert.match(f[0].message, /billion laughs/);
});

test('unterminated strings: the range stays inside the document', () => {
  const text = NORMAL_DEPLOYMENT.trimEnd().replace('image: nginx:1.27', 'image: "nginx:1.27');
  const findings = lint(text);
  assert.ok(findings.length >= 1);
  for (const f of findings) assert.ok(f.range.end <= text.length);
});

const SECURE = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    replicas: 3
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        automountServiceAccountToken: false
        containers:
          - name: app
            image: registry.example.com/web:1.0
            securityContext: &secure
              runAsNonRoot: true
              runAsUser: 10001
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              privileged: false
              capabilities:
                drop: [ALL]
              seccompProfile:
                type: RuntimeDefault
          - name: sidecar
            image: registry.example.com/side:1.0
            securityContext:
              <<: *secure
              runAsUser: 10002
`;

const PRIVILEGE_RULES = ['run-as-root', 'privileged-container', 'privilege-escalation-allowed', 'capabilities-not-dropped', 'seccomp-profile', 'writable-root-filesystem'];

test('merge keys are resolved: a securityContext merged from an anchor satisfies the privilege rules', () => {
  const findings = lint(SECURE);
  assert.deepEqual(findings.filter((f) => PRIVILEGE_RULES.includes(f.rule)).map((f) => `${f.rule} ${f.text}`), []);
  assert.deepEqual(findings.filter((f) => f.rule === 'yaml-syntax' || f.rule === 'schema-invalid').map((f) => f.message), [], 'the << key is not flagged');
  // Control: the same merge carrying privileged: true is seen through the merge.
  const bad = lint(SECURE.replace('privileged: false', 'privileged: true'));
  const privileged = bad.filter((f) => f.rule === 'privileged-container');
  assert.ok(privileged.some((f) => /'sidecar'/.test(f.message)), 'the merged value is read for the sidecar');
});

test('merge keys: a whole container merged from another keeps its resolved fields', () => {
  const text = SECURE.replace(/ {8}- name: sidecar[\s\S]*$/, '        - <<: *app\n          name: sidecar\n').replace('        - name: app\n', '        - &app\n          name: app\n');
  const findings = lint(text);
  assert.deepEqual(findings.filter((f) => f.rule === 'yaml-syntax').map((f) => f.message), []);
  assert.deepEqual(findings.filter((f) => PRIVILEGE_RULES.includes(f.rule)).map((f) => `${f.rule} ${f.text}`), []);
});

test('an exception in one rule on one object: one internal-error finding for that rule, the other rules still run', () => {
  const logs: string[] = [];
  const throwing = defineRule({
    id: 'test-throws',
    category: 'schema',
    severity: 'warning',
    description: 'throws on objects named boom',
    rationale: 'test',
    check(ctx) {
      if (ctx.object.name === 'boom') throw new TypeError('cannot read properties of undefined');
    },
  });
  const ws = new Workspace({ rules: [...RULES, throwing], log: (m) => logs.push(m) });
  const text = NORMAL_DEPLOYMENT.replace('name: web\n  namespace', 'name: boom\n  namespace') + '---\n' + NORMAL_DEPLOYMENT;
  const findings = analyse(text, 'x.yaml', ws);
  const internal = findings.filter((f) => f.rule === 'test-throws');
  assert.equal(internal.length, 1, 'one internal error, for the throwing rule on the one object');
  assert.match(internal[0].message, /Internal error in Daytwo rule test-throws on Deployment\/boom/);
  assert.equal(internal[0].docIndex, 0);
  assert.ok(findings.some((f) => f.docIndex === 0 && f.rule === 'readiness-probe-missing'), 'other rules still ran on the same object');
  assert.ok(findings.some((f) => f.docIndex === 1 && f.rule === 'readiness-probe-missing'), 'and on the other object');
  assert.equal(logs.length, 1);
  assert.match(logs[0], /test-throws[\s\S]*TypeError: cannot read properties of undefined\n\s+at /, 'logged with a stack');
});

test('a scan that throws in a cross-resource rule is contained the same way', () => {
  const throwing = defineRule({
    id: 'test-throws-cross',
    category: 'schema',
    severity: 'warning',
    description: 'throws',
    rationale: 'test',
    crossResource: true,
    check() {
      throw new Error('index lookup failed');
    },
  });
  const ws = new Workspace({ rules: [...RULES, throwing] });
  const findings = analyse(NORMAL_DEPLOYMENT, 'x.yaml', ws);
  assert.equal(findings.filter((f) => f.rule === 'test-throws-cross').length, 1);
  assert.ok(findings.some((f) => f.rule === 'readiness-probe-missing'));
});

test('an oversize text keeps the version it was given (the server publishes only analysed versions)', () => {
  const ws = new Workspace({ rules: RULES, config: mergeConfig({ limits: { maxFileSize: 100 } }) });
  ws.update('file:///ws/big.yaml', NORMAL_DEPLOYMENT, 7);
  assert.equal(ws.get('file:///ws/big.yaml')!.version, 7);
  assert.equal(ws.analyze('file:///ws/big.yaml')!.findings[0].rule, 'file-skipped');
});
