/** The `daytwo/readiness` answer: per workload, its score and findings; plus workspace totals. */

import { asDict, get } from '../engine/object';
import { parseQuantity } from '../engine/quantity';
import { emptyCounts, scoreWorkload } from '../engine/readiness';
import type { Finding, Severity } from '../engine/types';
import { containers, isWorkload, replicas } from '../engine/workload';
import { RULES, ruleById, ruleDocUrl } from '../rules/registry';
import type { Project } from './projects';
import type { ReadinessResult, ReadinessWorkload } from './protocol';
import { rangeAt } from '../engine/locate';
import type { K8sObject } from '../engine/object';

/** CPU cores and memory bytes requested by one replica. */
export function requestedResources(obj: K8sObject): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of containers(obj, { sidecars: true })) {
    const req = asDict(get(c.container, ['resources', 'requests']));
    cpu += parseQuantity(req.cpu) ?? 0;
    memory += parseQuantity(req.memory) ?? 0;
  }
  return { cpu, memory };
}

export function computeReadiness(projects: Project[]): ReadinessResult {
  const workloads: ReadinessWorkload[] = [];
  const totals: ReadinessResult['totals'] = { score: 100, workloads: 0, files: 0, findings: 0, byCategory: {}, bySeverity: { error: 0, warning: 0, info: 0 } };
  let scanning = false;
  for (const project of projects) {
    scanning ||= project.scanning;
    const ws = project.workspace;
    for (const uri of ws.uris()) {
      const result = ws.analyze(uri);
      if (!result) continue;
      totals.files++;
      const state = ws.get(uri)!;
      state.docs.forEach((d, docIndex) => {
        const obj = d.object;
        if (!obj || !isWorkload(obj)) return;
        const ast = ws.astOf(uri, docIndex);
        if (!ast) return;
        const findings = result.findings.filter((f) => f.docIndex === docIndex && !f.suppressed);
        const counts = emptyCounts();
        for (const f of findings) {
          counts.bySeverity[f.severity]++;
          counts.byCategory[f.category] = (counts.byCategory[f.category] ?? 0) + 1;
          totals.bySeverity[f.severity]++;
          totals.byCategory[f.category] = (totals.byCategory[f.category] ?? 0) + 1;
          totals.findings++;
        }
        const kindRange = rangeAt(ast, ['metadata', 'name'], 'value');
        const r = replicas(obj);
        workloads.push({
          uri,
          range: result.lines.rangeOf({ start: kindRange.start + d.chunk.start, end: kindRange.end + d.chunk.start }),
          kind: obj.kind,
          name: obj.name,
          namespace: obj.effectiveNamespace,
          score: scoreWorkload(obj, findings, RULES, (rule) => ws.severityOf(rule, rule.severity), (rule) => ws.isEnabled(rule)),
          resources: { ...requestedResources(obj), replicas: obj.kind === 'Deployment' || obj.kind === 'StatefulSet' || obj.kind === 'ReplicaSet' ? r ?? 1 : 1 },
          counts,
          findings: findings.map((f) => toReadinessFinding(f, result.lines.rangeOf(f.range))),
        });
      });
      if (!project.scanning && !isOpenLike(state)) ws.compact(uri);
    }
  }
  totals.workloads = workloads.length;
  if (workloads.length) totals.score = Math.round(workloads.reduce((s, w) => s + w.score, 0) / workloads.length);
  workloads.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri));
  return { workloads, totals, scanning };
}

function isOpenLike(state: { version: number }): boolean {
  return state.version !== 0;
}

function toReadinessFinding(f: Finding, range: ReadinessWorkload['range']) {
  const rule = ruleById(f.rule);
  return {
    rule: f.rule,
    category: f.category,
    severity: f.severity as Severity,
    message: f.message,
    range,
    rationale: rule?.rationale ?? '',
    docUrl: ruleDocUrl(f.rule),
    fixable: !!f.fix,
  };
}

