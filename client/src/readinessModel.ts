/**
 * The readiness tree as plain data, built from the server's `daytwo/readiness` answer. No `vscode`
 * import here: the tree provider maps these nodes to TreeItems, and unit tests check them directly.
 */

import type { ReadinessFinding, ReadinessResult, ReadinessWorkload } from '../../server/src/lsp/protocol';
import type { Category, Severity } from '../../server/src/engine/types';

export type GroupBy = 'namespace' | 'file' | 'category';
export const GROUP_BY: readonly GroupBy[] = ['namespace', 'file', 'category'];
export const CATEGORY_ORDER: readonly Category[] = ['privileges', 'storage', 'probes', 'mesh', 'resources', 'schema'];
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface ViewOptions {
  groupBy: GroupBy;
  /** Findings below this severity are hidden, and so are workloads left with none (unless 'info'). */
  minSeverity: Severity;
  /** Workspace-relative path of a file URI, for labels. */
  relative: (uri: string) => string;
}

export type Node = SummaryNode | CountNode | GroupNode | WorkloadNode | CategoryNode | FindingNode;

export interface SummaryNode {
  type: 'summary';
  label: string;
  description: string;
  score: number;
  scanning: boolean;
  children: CountNode[];
}
export interface CountNode {
  type: 'count';
  category: Category;
  label: string;
  description: string;
}
export interface GroupNode {
  type: 'group';
  id: string;
  label: string;
  description: string;
  children: WorkloadNode[];
}
export interface WorkloadNode {
  type: 'workload';
  id: string;
  label: string;
  description: string;
  workload: ReadinessWorkload;
  worst: Severity | undefined;
  fixable: boolean;
  /** Grouped by category: only this category's findings, listed directly. */
  category?: Category;
  children: (CategoryNode | FindingNode)[];
}
export interface CategoryNode {
  type: 'category';
  id: string;
  category: Category;
  label: string;
  description: string;
  worst: Severity | undefined;
  children: FindingNode[];
}
export interface FindingNode {
  type: 'finding';
  id: string;
  label: string;
  description: string;
  finding: ReadinessFinding;
  workload: ReadinessWorkload;
}

export function atLeast(s: Severity, min: Severity): boolean {
  return SEVERITY_RANK[s] >= SEVERITY_RANK[min];
}

export function worstSeverity(findings: readonly { severity: Severity }[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function workloadKey(w: ReadinessWorkload): string {
  return `${w.uri}#${w.kind}/${w.namespace}/${w.name}@${w.range.start.line}`;
}

function findingNode(w: ReadinessWorkload, f: ReadinessFinding, i: number): FindingNode {
  return {
    type: 'finding',
    id: `${workloadKey(w)}!${f.rule}@${f.range.start.line}:${f.range.start.character}#${i}`,
    label: f.message,
    description: `${f.rule} · line ${f.range.start.line + 1}`,
    finding: f,
    workload: w,
  };
}

function workloadNode(w: ReadinessWorkload, findings: ReadinessFinding[], opts: ViewOptions, category?: Category): WorkloadNode {
  const where = opts.groupBy === 'file' ? (w.namespace ? `ns ${w.namespace}` : '') : opts.relative(w.uri);
  const node: WorkloadNode = {
    type: 'workload',
    id: `${category ?? ''}|${workloadKey(w)}`,
    label: `${w.kind}/${w.name}`,
    description: [`${w.score}/100`, where].filter(Boolean).join(' · '),
    workload: w,
    worst: worstSeverity(findings),
    fixable: findings.some((f) => f.fixable),
    category,
    children: [],
  };
  if (category) {
    node.children = findings.map((f, i) => findingNode(w, f, i));
    return node;
  }
  for (const c of CATEGORY_ORDER) {
    const inCat = findings.filter((f) => f.category === c);
    if (!inCat.length) continue;
    node.children.push({
      type: 'category',
      id: `${node.id}|${c}`,
      category: c,
      label: c,
      description: plural(inCat.length, 'finding'),
      worst: worstSeverity(inCat),
      children: inCat.map((f, i) => findingNode(w, f, i)),
    });
  }
  return node;
}

/** The tree's top level: the summary node, then one group per namespace, file or category. */
export function buildTree(result: ReadinessResult, opts: ViewOptions): Node[] {
  const t = result.totals;
  const summary: SummaryNode = {
    type: 'summary',
    label: `Workspace score ${t.score}/100`,
    description: `${plural(t.workloads, 'workload')} · ${plural(t.findings, 'finding')}${result.scanning ? ' · scanning…' : ''}`,
    score: t.score,
    scanning: result.scanning,
    children: CATEGORY_ORDER.map((c) => ({
      type: 'count' as const,
      category: c,
      label: c,
      description: plural(t.byCategory[c] ?? 0, 'finding'),
    })),
  };
  const visible = (w: ReadinessWorkload) => w.findings.filter((f) => atLeast(f.severity, opts.minSeverity));
  const filtering = opts.minSeverity !== 'info';
  const groups = new Map<string, GroupNode>();
  const group = (key: string, label: string): GroupNode => {
    let g = groups.get(key);
    if (!g) {
      g = { type: 'group', id: `${opts.groupBy}:${key}`, label, description: '', children: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const w of result.workloads) {
    const findings = visible(w);
    if (filtering && !findings.length) continue;
    if (opts.groupBy === 'namespace') group(w.namespace || '(cluster)', w.namespace || '(cluster-scoped)').children.push(workloadNode(w, findings, opts));
    else if (opts.groupBy === 'file') group(w.uri, opts.relative(w.uri)).children.push(workloadNode(w, findings, opts));
    else {
      for (const c of CATEGORY_ORDER) {
        const inCat = findings.filter((f) => f.category === c);
        if (inCat.length) group(c, c).children.push(workloadNode(w, inCat, opts, c));
      }
    }
  }
  let ordered = [...groups.values()];
  if (opts.groupBy === 'category') ordered = CATEGORY_ORDER.map((c) => groups.get(c)).filter((g): g is GroupNode => !!g);
  else ordered.sort((a, b) => a.label.localeCompare(b.label));
  for (const g of ordered) {
    const n = opts.groupBy === 'category' ? g.children.reduce((s, w) => s + w.children.length, 0) : undefined;
    g.description = n === undefined ? plural(g.children.length, 'workload') : `${plural(n, 'finding')} in ${plural(g.children.length, 'workload')}`;
  }
  return [summary, ...ordered];
}
