/**
 * Readiness scores for the panel and reports: per workload, the share of applicable checks it
 * passes, weighted by severity (an error counts more than an info).
 */

import type { Rule } from '../rules/types';
import type { K8sObject } from './object';
import type { Category, Finding, Severity } from './types';
import { isLongRunning, isWorkload } from './workload';

const WEIGHT: Record<Severity, number> = { error: 5, warning: 3, info: 1 };

/** Does a rule judge this kind of object (its `appliesTo`)? */
export function appliesTo(rule: Rule, obj: K8sObject): boolean {
  const a = rule.appliesTo ?? 'workload';
  if (a === 'all') return true;
  if (a === 'workload') return isWorkload(obj);
  if (a === 'long-running') return isLongRunning(obj);
  return a.includes(obj.kind);
}

/** Score 0-100: 100 * (weight of passed applicable rules) / (weight of all applicable rules). */
export function scoreWorkload(obj: K8sObject, findings: readonly Finding[], rules: readonly Rule[], severityOf: (r: Rule) => Severity, enabled: (r: Rule) => boolean): number {
  const failed = new Set(findings.filter((f) => !f.suppressed).map((f) => f.rule));
  let total = 0;
  let passed = 0;
  for (const r of rules) {
    if (!enabled(r) || !appliesTo(r, obj)) continue;
    const w = WEIGHT[severityOf(r)];
    total += w;
    if (!failed.has(r.id)) passed += w;
  }
  return total === 0 ? 100 : Math.round((100 * passed) / total);
}

/** Finding counts per category and severity, as the readiness panel shows them. */
export function emptyCounts(): { byCategory: Partial<Record<Category, number>>; bySeverity: Record<Severity, number> } {
  return { byCategory: {}, bySeverity: { error: 0, warning: 0, info: 0 } };
}
