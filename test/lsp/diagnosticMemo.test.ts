/**
 * The diagnostics an open file keeps between publishes: after an edit, each diagnostic is exactly what
 * a fresh conversion of the current findings gives, and the ones whose findings did not move are the
 * same objects as before (what lets the stdio writer copy their bytes).
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { Workspace, type FileResult } from '../../server/src/engine/workspace';
import { LineIndex } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/types';
import { RULES } from '../../server/src/rules/registry';
import { DiagnosticMemo, toDiagnostic } from '../../server/src/lsp/diagnostics';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const URI = 'file:///tmp/daytwo-test/memo.yaml';

/** `kubectl create deployment api --image=ghcr.io/shop/api:latest --replicas=3 --port=8080 --dry-run=client -o yaml` */
const API = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: api
  name: api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: api
    spec:
      containers:
      - image: ghcr.io/shop/api:latest
        name: api
        ports:
        - containerPort: 8080
        resources: {}
status: {}
`;

/** `kubectl create deployment worker --image=redis --dry-run=client -o yaml` */
const WORKER = API.replace(/api/g, 'worker').replace('ghcr.io/shop/worker:latest', 'redis').replace('replicas: 3', 'replicas: 1').replace(/ {8}ports:\n.*\n/, '');

/** Two generated Deployments around the examples' web tier, databases and job: one file of many documents. */
const TEXT = [API, ...['web/deployment.yaml', 'web/service.yaml', 'db/postgres.yaml', 'jobs/migrate-orders.yaml'].map((f) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8')), WORKER]
  .map((t) => (t.startsWith('---') ? t : `---\n${t}`))
  .join('');

function analysed(text: string, version: number, ws: Workspace): FileResult {
  ws.update(URI, text, version);
  return ws.analyze(URI)!;
}

/** What a fresh conversion gives for the same findings. */
const fresh = (r: FileResult) => r.findings.filter((f) => !f.suppressed).map((f) => JSON.stringify(toDiagnostic(f, r.lines)));
const json = (ds: Diagnostic[]) => ds.map((d) => JSON.stringify(d));

test('an edit in the first document keeps the later documents\' diagnostics as the same objects, and all of them current', () => {
  const ws = new Workspace({ rules: RULES, log: () => undefined });
  const memo = new DiagnosticMemo();
  const r1 = analysed(TEXT, 1, ws);
  const before = memo.shown(r1, true);
  assert.ok(before.length > 10, `the examples have findings: ${before.length}`);

  // `replicas: 3` -> `replicas: three`: a schema error in document 0, and every later offset moves by 4.
  const at = TEXT.indexOf('replicas: 3') + 'replicas: '.length;
  const r2 = analysed(`${TEXT.slice(0, at)}three${TEXT.slice(at + 1)}`, 2, ws);
  const after = memo.shown(r2, true);
  assert.deepEqual(json(after), fresh(r2));
  const old = new Set(before);
  const later = after.filter((d) => (d.data as { docIndex: number }).docIndex > 0);
  assert.ok(later.length > 5, `findings in later documents: ${later.length}`);
  assert.ok(later.every((d) => old.has(d)), 'the later documents\' diagnostics are given again');
  const edited = after.filter((d) => d.code === 'schema-invalid' && String(d.message).includes('three'));
  assert.equal(edited.length, 1);
  assert.ok(!old.has(edited[0]));
  assert.ok(after.every((d) => Object.isFrozen(d) && Object.isFrozen(d.range) && Object.isFrozen(d.range.start) && Object.isFrozen(d.data)), 'frozen whole');

  // A line inserted above everything moves every diagnostic down: none is given again.
  const r3 = analysed(`# web, databases and jobs\n${TEXT}`, 3, ws);
  const moved = memo.shown(r3, true);
  assert.deepEqual(json(moved), fresh(r3));
  const prev = new Set(after);
  assert.ok(!moved.some((d) => prev.has(d)));
});

test('a closed file\'s diagnostics are not remembered, and forget drops an open one\'s', () => {
  const ws = new Workspace({ rules: RULES, log: () => undefined });
  const memo = new DiagnosticMemo();
  const r = analysed(TEXT, 1, ws);
  const open = new Set(memo.shown(r, true));
  assert.ok(memo.shown(r, true).every((d) => open.has(d)), 'the same analysis twice: the same objects');
  const closed = memo.shown(r, false);
  assert.ok(!memo.shown(r, true).some((d) => closed.includes(d) || open.has(d)));
  assert.ok(!closed.some((d) => open.has(d) || Object.isFrozen(d)), 'a closed file\'s diagnostics are made anew and not frozen (the writer keeps no bytes of them)');
  const kept = new Set(memo.shown(r, true));
  memo.forget(URI);
  assert.ok(!memo.shown(r, true).some((d) => kept.has(d)));
});

test('a diagnostic is given again only when the whole of it still holds: rule, severity, message, document and range', () => {
  const lines = new LineIndex('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n');
  const base: Finding = { rule: 'run-as-root', category: 'privileges', severity: 'warning', message: 'Pod/web may run as root.', range: { start: 15, end: 24 }, docIndex: 0 };
  const variants: Finding[] = [
    { ...base, rule: 'privileged-container' },
    { ...base, severity: 'error' },
    { ...base, docIndex: 1 },
    { ...base, range: { start: 15, end: 23 } },
    { ...base, range: { start: 16, end: 24 } },
    // The same column on another line.
    { ...base, range: { start: 25, end: 34 } },
  ];
  for (const v of variants) {
    const memo = new DiagnosticMemo();
    const [d0] = memo.shown({ uri: URI, findings: [base], lines }, true);
    assert.deepEqual(memo.shown({ uri: URI, findings: [{ ...base }], lines }, true), [d0], 'an equal finding: the same object');
    const [d1] = memo.shown({ uri: URI, findings: [v], lines }, true);
    assert.notEqual(d1, d0, JSON.stringify(v));
    assert.equal(JSON.stringify(d1), JSON.stringify(toDiagnostic(v, lines)));
  }
  // Two findings with one message (two identical documents): each gets its own diagnostic, both current.
  const twins: Finding[] = [base, { ...base, range: { start: 60, end: 69 }, docIndex: 1 }];
  const memo = new DiagnosticMemo();
  memo.shown({ uri: URI, findings: twins, lines }, true);
  const again = memo.shown({ uri: URI, findings: twins, lines }, true);
  assert.deepEqual(json(again), twins.map((f) => JSON.stringify(toDiagnostic(f, lines))));
  // A suppressed finding is not shown.
  assert.deepEqual(memo.shown({ uri: URI, findings: [{ ...base, suppressed: { kind: 'comment', reason: 'x' } }], lines }, true), []);
});
