/**
 * The "Readiness" tree of the Daytwo view container: workspace score, then workloads grouped by
 * namespace, file or category, their categories and findings. Fed by `daytwo/readiness`, refreshed
 * (throttled) when diagnostics change, never on every keystroke.
 */

import * as vscode from 'vscode';
import type { ReadinessResult } from '../../server/src/lsp/protocol';
import type { Severity } from '../../server/src/engine/types';
import { buildTree, GROUP_BY, type GroupBy, type Node, type ViewOptions } from './readinessModel';

const REFRESH_THROTTLE_MS = 750;

export function severityIcon(s: Severity | undefined): vscode.ThemeIcon {
  switch (s) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'info':
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    default:
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  }
}

export function relativePath(uri: string): string {
  try {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  } catch {
    return uri;
  }
}

export class ReadinessTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly updated = new vscode.EventEmitter<ReadinessResult | undefined>();
  /** Fires after every fetch of the readiness answer (status bar, context keys, tests). */
  readonly onDidUpdate = this.updated.event;
  result: ReadinessResult | undefined;
  private roots: Node[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  groupBy: GroupBy;
  minSeverity: Severity;

  constructor(
    private readonly fetch: () => Promise<ReadinessResult | null | undefined>,
    private readonly state: vscode.Memento,
  ) {
    const g = state.get<GroupBy>('daytwo.groupBy');
    this.groupBy = g && GROUP_BY.includes(g) ? g : 'namespace';
    this.minSeverity = state.get<Severity>('daytwo.minSeverity') ?? 'info';
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
    this.updated.dispose();
  }

  /** Asks for a refresh soon; bursts of calls (diagnostics of many files) collapse into one request. */
  scheduleRefresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_THROTTLE_MS);
  }

  /** Fetches the readiness answer now (one request at a time; a call during one queues another). */
  async refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = (async () => {
      try {
        do {
          this.again = false;
          const r = await this.fetch();
          this.result = r ?? undefined;
          this.rebuild();
          this.updated.fire(this.result);
        } while (this.again);
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }

  setGroupBy(g: GroupBy): void {
    this.groupBy = g;
    void this.state.update('daytwo.groupBy', g);
    this.rebuild();
  }

  setMinSeverity(s: Severity): void {
    this.minSeverity = s;
    void this.state.update('daytwo.minSeverity', s);
    this.rebuild();
  }

  private options(): ViewOptions {
    return { groupBy: this.groupBy, minSeverity: this.minSeverity, relative: relativePath };
  }

  private rebuild(): void {
    // No manifests (yet): an empty tree, so the view shows its welcome content instead.
    this.roots = this.result && this.result.totals.files > 0 ? buildTree(this.result, this.options()) : [];
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    return 'children' in node ? node.children : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.type) {
      case 'summary': {
        const item = new vscode.TreeItem(node.label, C.Collapsed);
        item.id = 'summary';
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(node.scanning ? 'sync~spin' : 'dashboard');
        item.contextValue = 'summary';
        item.tooltip = 'Average readiness score of the workspace\'s workloads (100 = no findings). Expand for findings per category.';
        return item;
      }
      case 'count': {
        const item = new vscode.TreeItem(node.label, C.None);
        item.id = `count:${node.category}`;
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon('symbol-category');
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.label, C.Expanded);
        item.id = node.id;
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(this.groupBy === 'file' ? 'file' : this.groupBy === 'category' ? 'symbol-category' : 'symbol-namespace');
        item.contextValue = 'group';
        return item;
      }
      case 'workload': {
        const item = new vscode.TreeItem(node.label, node.children.length ? C.Collapsed : C.None);
        item.id = node.id;
        item.description = node.description;
        item.iconPath = severityIcon(node.worst);
        item.contextValue = node.fixable ? 'workload.fixable' : 'workload';
        item.resourceUri = undefined;
        const w = node.workload;
        item.tooltip = new vscode.MarkdownString(
          `**${w.kind}/${w.name}**${w.namespace ? ` in \`${w.namespace}\`` : ''}\n\nScore **${w.score}/100** · ` +
            `${w.counts.bySeverity.error} errors, ${w.counts.bySeverity.warning} warnings, ${w.counts.bySeverity.info} info\n\n${relativePath(w.uri)}`,
        );
        item.command = { command: 'daytwo.revealFinding', title: 'Reveal', arguments: [w.uri, w.range] };
        return item;
      }
      case 'category': {
        const item = new vscode.TreeItem(node.label, C.Expanded);
        item.id = node.id;
        item.description = node.description;
        item.iconPath = severityIcon(node.worst);
        item.contextValue = 'category';
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(node.label, C.None);
        item.id = node.id;
        item.description = node.description;
        item.iconPath = severityIcon(f.severity);
        item.contextValue = f.fixable ? 'finding.fixable' : 'finding';
        const md = new vscode.MarkdownString(`**${f.rule}** (${f.category}, ${f.severity})\n\n${f.message}\n\n${f.rationale}${f.fixable ? '\n\n_A quick fix is available._' : ''}`);
        item.tooltip = md;
        item.command = { command: 'daytwo.revealFinding', title: 'Reveal', arguments: [node.workload.uri, f.range] };
        return item;
      }
    }
  }
}
