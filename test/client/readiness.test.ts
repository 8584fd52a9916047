/** The readiness tree model and the Markdown report, from a readiness answer (no VS Code needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReadinessFinding, ReadinessResult, ReadinessWorkload } from '../../server/src/lsp/protocol';
import { buildTree, type GroupNode, type WorkloadNode } from '../../client/src/readinessModel';
import { formatCpu, formatMemory, renderReport } from '../../client/src/report';

const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 8 } });
function finding(rule: string, category: ReadinessFinding['category'], severity: ReadinessFinding['severity'], line: number, fixable = false): ReadinessFinding {
  return { rule, category, severity, message: `${rule} message`, range: range(line), rationale: `${rule} rationale`, docUrl: '', fixable };
}
function workload(kind: string, name: string, namespace: string, uri: string, score: number, findings: ReadinessFinding[], resources = { cpu: 0.1, memory: 128 * 1024 ** 2, replicas: 2 }): ReadinessWorkload {
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byCategory: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  }
  return { uri, range: range(3), kind, name, namespace, score, resources, counts: { byCategory, bySeverity }, findings };
}

const result: ReadinessResult = {
  workloads: [
    workload('Deployment', 'api', 'payments', 'file:///ws/payments/api.yaml', 80, [
      finding('image-tag-mutable', 'privileges', 'warning', 30),
      finding('mesh-annotation-value', 'mesh', 'error', 12, true),
    ]),
    workload('Deployment', 'web', 'shop', 'file:///ws/web/web.yaml', 97, [finding('replicas-single', 'resources', 'info', 8)], { cpu: 0.25, memory: 256 * 1024 ** 2, replicas: 3 }),
    workload('StatefulSet', 'db', 'shop', 'file:///ws/db/db.yaml', 100, [], { cpu: 1, memory: 1024 ** 3, replicas: 1 }),
  ],
  totals: { score: 92, workloads: 3, files: 3, findings: 3, byCategory: { privileges: 1, mesh: 1, resources: 1 }, bySeverity: { error: 1, warning: 1, info: 1 } },
  scanning: false,
};
const relative = (u: string) => u.replace('file:///ws/', '');

test('by namespace: summary first, then namespaces in order, workloads with score, worst severity and categories', () => {
  const [summary, ...groups] = buildTree(result, { groupBy: 'namespace', minSeverity: 'info', relative });
  assert.equal(summary.type, 'summary');
  assert.equal(summary.label, 'Workspace score 92/100');
  assert.equal(summary.description, '3 workloads · 3 findings');
  assert.deepEqual(groups.map((g) => (g as GroupNode).label), ['payments', 'shop']);
  const api = (groups[0] as GroupNode).children[0];
  assert.equal(api.label, 'Deployment/api');
  assert.equal(api.description, '80/100 · payments/api.yaml');
  assert.equal(api.worst, 'error');
  assert.equal(api.fixable, true);
  assert.deepEqual(api.children.map((c) => c.label), ['privileges', 'mesh']);
  const db = (groups[1] as GroupNode).children.find((w) => w.label === 'StatefulSet/db')!;
  assert.equal(db.worst, undefined);
  assert.deepEqual(db.children, []);
});

test('by file and by category; the severity filter hides lesser findings and clean workloads', () => {
  const byFile = buildTree(result, { groupBy: 'file', minSeverity: 'info', relative }).slice(1) as GroupNode[];
  assert.deepEqual(byFile.map((g) => g.label), ['db/db.yaml', 'payments/api.yaml', 'web/web.yaml']);
  const byCat = buildTree(result, { groupBy: 'category', minSeverity: 'info', relative }).slice(1) as GroupNode[];
  assert.deepEqual(byCat.map((g) => g.label), ['privileges', 'mesh', 'resources']);
  const mesh = byCat[1].children[0] as WorkloadNode;
  assert.equal(mesh.category, 'mesh');
  assert.deepEqual(mesh.children.map((f) => f.type === 'finding' && f.finding.rule), ['mesh-annotation-value']);
  const errorsOnly = buildTree(result, { groupBy: 'namespace', minSeverity: 'error', relative }).slice(1) as GroupNode[];
  assert.deepEqual(errorsOnly.map((g) => g.label), ['payments']);
  assert.deepEqual(errorsOnly[0].children[0].children.map((c) => c.label), ['mesh']);
});

test('the report has totals, requests times replicas per namespace, and findings per workload by category', () => {
  const md = renderReport(result, { relative });
  assert.match(md, /^# Daytwo readiness report\n/);
  assert.match(md, /\*\*Workspace score: 92\/100\*\* · 3 workloads in 3 files · 3 findings \(1 errors, 1 warnings, 1 info\)/);
  // payments: 2 × 100m = 200m, 2 × 128Mi = 256Mi; shop: 3 × 250m + 1 = 1.75, 3 × 256Mi + 1Gi = 1.75Gi
  assert.match(md, /\| payments \| 1 \| 2 \| 200m \| 256Mi \|/);
  assert.match(md, /\| shop \| 2 \| 4 \| 1\.75 \| 1\.75Gi \|/);
  assert.match(md, /\| \*\*total\*\* \| \*\*3\*\* \| \*\*6\*\* \| \*\*1\.95\*\* \| \*\*2Gi\*\* \|/);
  assert.match(md, /\| mesh \| 1 \|/);
  const api = md.slice(md.indexOf('### 🔴 Deployment/api'));
  assert.match(api, /^### 🔴 Deployment\/api \(payments\): 80\/100/);
  assert.ok(api.indexOf('**privileges**') < api.indexOf('**mesh**'));
  assert.match(api, /- 🔴 error `mesh-annotation-value` \(line 13\) · quick fix available: mesh-annotation-value message/);
  assert.match(md, /### ✅ StatefulSet\/db \(shop\): 100\/100\n\n`db\/db\.yaml:4` · 1 replica, requests 1 CPU and 1Gi memory each\n\nNo findings\./);
});

test('quantities are written the Kubernetes way', () => {
  assert.equal(formatCpu(0.1), '100m');
  assert.equal(formatCpu(2), '2');
  assert.equal(formatMemory(64 * 1024 ** 2), '64Mi');
  assert.equal(formatMemory(0), '0');
});
