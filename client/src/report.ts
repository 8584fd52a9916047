/**
 * "Daytwo: Export Readiness Report": the readiness answer as Markdown for pull requests and reviews.
 * Pure (no `vscode`), so it is unit-tested with node's test runner.
 */

import type { ReadinessResult, ReadinessWorkload } from '../../server/src/lsp/protocol';
import type { Severity } from '../../server/src/engine/types';
import { CATEGORY_ORDER, worstSeverity } from './readinessModel';

export interface ReportOptions {
  /** Workspace-relative path of a file URI. */
  relative: (uri: string) => string;
  title?: string;
  /** ISO date shown under the title (omitted when not given, which keeps tests stable). */
  date?: string;
}

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: '🔵' };

/** Markdown table cells: no pipes or line breaks. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatCpu(cores: number): string {
  if (cores === 0) return '0';
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return `${+cores.toFixed(2)}`;
}

export function formatMemory(bytes: number): string {
  if (bytes === 0) return '0';
  const units: [number, string][] = [[1024 ** 4, 'Ti'], [1024 ** 3, 'Gi'], [1024 ** 2, 'Mi'], [1024, 'Ki']];
  for (const [size, unit] of units) if (bytes >= size) return `${+(bytes / size).toFixed(2)}${unit}`;
  return `${bytes}`;
}

function line(w: ReadinessWorkload, rel: (u: string) => string): string {
  return `${rel(w.uri)}:${w.range.start.line + 1}`;
}

export function renderReport(result: ReadinessResult, opts: ReportOptions): string {
  const t = result.totals;
  const out: string[] = [];
  out.push(`# ${opts.title ?? 'Daytwo readiness report'}`, '');
  if (opts.date) out.push(`_Generated ${opts.date}._`, '');
  if (result.scanning) out.push('> The workspace scan was still running: some files may be missing.', '');
  out.push(`**Workspace score: ${t.score}/100** · ${t.workloads} workloads in ${t.files} files · ${t.findings} findings ` +
    `(${t.bySeverity.error} errors, ${t.bySeverity.warning} warnings, ${t.bySeverity.info} info)`, '');

  out.push('## Totals by category', '', '| Category | Findings |', '| --- | ---: |');
  for (const c of CATEGORY_ORDER) out.push(`| ${c} | ${t.byCategory[c] ?? 0} |`);
  out.push('');

  out.push('## Requested resources per namespace', '', 'Requests of every container (sidecars included) times the replica count.', '');
  out.push('| Namespace | Workloads | Replicas | CPU requested | Memory requested |', '| --- | ---: | ---: | ---: | ---: |');
  const byNs = new Map<string, { workloads: number; replicas: number; cpu: number; memory: number }>();
  for (const w of result.workloads) {
    const key = w.namespace || '(cluster-scoped)';
    const n = byNs.get(key) ?? { workloads: 0, replicas: 0, cpu: 0, memory: 0 };
    n.workloads++;
    n.replicas += w.resources.replicas;
    n.cpu += w.resources.cpu * w.resources.replicas;
    n.memory += w.resources.memory * w.resources.replicas;
    byNs.set(key, n);
  }
  const sum = { workloads: 0, replicas: 0, cpu: 0, memory: 0 };
  for (const [ns, n] of [...byNs.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    out.push(`| ${cell(ns)} | ${n.workloads} | ${n.replicas} | ${formatCpu(n.cpu)} | ${formatMemory(n.memory)} |`);
    sum.workloads += n.workloads;
    sum.replicas += n.replicas;
    sum.cpu += n.cpu;
    sum.memory += n.memory;
  }
  out.push(`| **total** | **${sum.workloads}** | **${sum.replicas}** | **${formatCpu(sum.cpu)}** | **${formatMemory(sum.memory)}** |`, '');

  out.push('## Workloads', '', '| Workload | Namespace | Score | Errors | Warnings | Info | File |', '| --- | --- | ---: | ---: | ---: | ---: | --- |');
  const sorted = [...result.workloads].sort((a, b) => a.score - b.score || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  for (const w of sorted) {
    const s = w.counts.bySeverity;
    out.push(`| ${cell(`${w.kind}/${w.name}`)} | ${cell(w.namespace || '-')} | ${w.score} | ${s.error} | ${s.warning} | ${s.info} | ${cell(line(w, opts.relative))} |`);
  }
  out.push('');

  for (const w of sorted) {
    const worst = worstSeverity(w.findings);
    out.push(`### ${worst ? ICON[worst] : '✅'} ${w.kind}/${w.name} (${w.namespace || 'cluster-scoped'}): ${w.score}/100`, '');
    out.push(`\`${line(w, opts.relative)}\` · ${w.resources.replicas} replica${w.resources.replicas === 1 ? '' : 's'}, ` +
      `requests ${formatCpu(w.resources.cpu)} CPU and ${formatMemory(w.resources.memory)} memory each`, '');
    if (!w.findings.length) {
      out.push('No findings.', '');
      continue;
    }
    for (const c of CATEGORY_ORDER) {
      const inCat = w.findings.filter((f) => f.category === c);
      if (!inCat.length) continue;
      out.push(`**${c}**`, '');
      for (const f of inCat) out.push(`- ${ICON[f.severity]} ${f.severity} \`${f.rule}\` (line ${f.range.start.line + 1})${f.fixable ? ' · quick fix available' : ''}: ${f.message.replace(/\r?\n/g, ' ')}`);
      out.push('');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
