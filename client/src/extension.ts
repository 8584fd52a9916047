/**
 * The VS Code side of Daytwo: starts the language server for YAML files, and adds the readiness
 * panel, the status bar score, the commands (scan, fix all, export report, rule docs, restart) and
 * the rule documentation pages.
 */

import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { READINESS_REQUEST, SCAN_WORKSPACE_REQUEST, STATUS_NOTIFICATION, type ReadinessResult, type StatusParams } from '../../server/src/lsp/protocol';
import type { Severity } from '../../server/src/engine/types';
import { RULES, ruleById, ruleDocUrl } from '../../server/src/rules/registry';
import { ReadinessTreeProvider, relativePath } from './readinessTree';
import type { FindingNode, GroupBy, Node, WorkloadNode } from './readinessModel';
import { renderReport } from './report';
import { actionsFor, fixAllInDocument, fixFindingsInRange } from './fixes';
import { EXAMPLE_MANIFEST } from './example';

const RULE_DOC_SCHEME = 'daytwo-rule';
/** Restarts allowed within RESTART_WINDOW_MS before the client gives up. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

/** What the extension hands to its tests (and to other extensions). */
export interface DaytwoApi {
  readonly client: LanguageClient;
  readonly tree: ReadinessTreeProvider;
  readiness(): Promise<ReadinessResult | undefined>;
}

export async function activate(context: vscode.ExtensionContext): Promise<DaytwoApi> {
  const output = vscode.window.createOutputChannel('Daytwo', { log: true });
  context.subscriptions.push(output);

  // --- the language client ---------------------------------------------------------------------
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server opens no network connection, and Node reads and parses the certificate bundle named
  // by NODE_EXTRA_CA_CERTS (set on many corporate machines) at every start: ~45 ms of the server's
  // ~240 ms start on the benchmark machine. The server starts without it (an undefined value drops
  // the variable from the environment the client copies).
  const env = { NODE_EXTRA_CA_CERTS: undefined };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'], env } },
  };
  const restarts: number[] = [];
  let toldAboutRestart = false;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'daytwo' },
    initializationOptions: { settings: vscode.workspace.getConfiguration('daytwo') },
    outputChannel: output,
    errorHandler: {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
        restarts.push(now);
        if (restarts.length > MAX_RESTARTS) {
          return { action: CloseAction.DoNotRestart, message: 'The Daytwo language server stopped 5 times in 3 minutes and will not be restarted. Run "Daytwo: Restart Server" after checking the Daytwo output.' };
        }
        if (!toldAboutRestart) {
          toldAboutRestart = true;
          void vscode.window.showWarningMessage('The Daytwo language server stopped unexpectedly and was restarted.', 'Show Output').then((a) => a && output.show());
        }
        output.appendLine(`[${new Date().toISOString()}] The server stopped; restarting it.`);
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  const lc = new LanguageClient('daytwo', 'Daytwo', serverOptions, clientOptions);
  client = lc;
  context.subscriptions.push(lc);

  // --- readiness tree, status bar -----------------------------------------------------------------
  const fetchReadiness = async (): Promise<ReadinessResult | undefined> => {
    if (!lc.isRunning()) return undefined;
    try {
      return (await lc.sendRequest<ReadinessResult | null>(READINESS_REQUEST, {})) ?? undefined;
    } catch (e) {
      output.appendLine(`daytwo/readiness failed: ${(e as Error).message}`);
      return undefined;
    }
  };
  const tree = new ReadinessTreeProvider(fetchReadiness, context.workspaceState);
  const view = vscode.window.createTreeView('daytwo.readiness', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, view);

  const status = vscode.window.createStatusBarItem('daytwo.score', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Daytwo Readiness';
  status.command = 'daytwo.showReadiness';
  status.text = '$(sync~spin) Daytwo';
  status.tooltip = 'Daytwo: starting';
  context.subscriptions.push(status);

  let scanning = false;
  let endViewProgress: (() => void) | undefined;
  const setScanning = (on: boolean, detail?: string) => {
    if (on && !endViewProgress) {
      void vscode.window.withProgress({ location: { viewId: 'daytwo.readiness' } }, () => new Promise<void>((r) => (endViewProgress = r)));
    }
    if (!on && endViewProgress) {
      endViewProgress();
      endViewProgress = undefined;
    }
    scanning = on;
    if (on) {
      status.text = '$(sync~spin) Daytwo';
      status.tooltip = `Daytwo: scanning the workspace${detail ? ` (${detail})` : ''}`;
    }
  };

  const updateStatus = (r: ReadinessResult | undefined) => {
    const state = !r ? undefined : r.scanning || scanning ? (r.totals.files ? 'ready' : 'scanning') : r.totals.files ? 'ready' : 'empty';
    void vscode.commands.executeCommand('setContext', 'daytwo.state', state);
    if (!r) return;
    const t = r.totals;
    const icon = t.bySeverity.error ? '$(error)' : t.bySeverity.warning ? '$(warning)' : '$(pass)';
    status.text = `${icon} Daytwo ${t.score}`;
    status.tooltip = new vscode.MarkdownString(
      `**Daytwo readiness: ${t.score}/100**\n\n${t.workloads} workloads in ${t.files} files: ${t.bySeverity.error} errors, ` +
        `${t.bySeverity.warning} warnings, ${t.bySeverity.info} info.\n\nClick to open the Readiness panel.`,
    );
    status.backgroundColor = t.bySeverity.error ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    view.message = r.scanning ? 'Scanning the workspace…' : undefined;
    view.badge = t.bySeverity.error ? { value: t.bySeverity.error, tooltip: `${t.bySeverity.error} errors` } : undefined;
  };
  context.subscriptions.push(tree.onDidUpdate(updateStatus));
  status.show();

  // Refresh on diagnostics changes (throttled by the provider).
  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.scheme === 'file' || u.scheme === 'untitled')) tree.scheduleRefresh();
    }),
  );

  // --- rule documentation pages ---------------------------------------------------------------------
  const docs = new RuleDocProvider();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, docs));

  // --- commands -------------------------------------------------------------------------------------
  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg('daytwo.showOutput', () => output.show(true));
  reg('daytwo.restartServer', async () => {
    restarts.length = 0;
    output.appendLine(`[${new Date().toISOString()}] Restarting the server on request.`);
    if (lc.state === State.Stopped) await lc.start();
    else await lc.restart();
    void tree.refresh();
  });
  reg('daytwo.showReadiness', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.daytwo');
    await tree.refresh();
    const first = tree.getChildren()[0];
    if (first) await view.reveal(first, { focus: true, select: false }).then(undefined, () => undefined);
  });
  reg('daytwo.refreshReadiness', () => tree.refresh());
  reg('daytwo.scanWorkspace', async () => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Daytwo: scanning manifests' }, async () => {
      await lc.sendRequest(SCAN_WORKSPACE_REQUEST, {});
    });
    await tree.refresh();
  });
  reg('daytwo.groupBy', async (g?: GroupBy) => {
    const pick = g ?? (await vscode.window.showQuickPick(
      [
        { label: 'Namespace', value: 'namespace' as GroupBy, description: tree.groupBy === 'namespace' ? 'current' : '' },
        { label: 'File', value: 'file' as GroupBy, description: tree.groupBy === 'file' ? 'current' : '' },
        { label: 'Category', value: 'category' as GroupBy, description: tree.groupBy === 'category' ? 'current' : '' },
      ],
      { title: 'Group workloads by' },
    ))?.value;
    if (pick) tree.setGroupBy(pick);
  });
  reg('daytwo.filterSeverity', async (s?: Severity) => {
    const pick = s ?? (await vscode.window.showQuickPick(
      [
        { label: 'Info and above', description: 'everything', value: 'info' as Severity },
        { label: 'Warnings and errors', value: 'warning' as Severity },
        { label: 'Errors only', value: 'error' as Severity },
      ].map((i) => ({ ...i, picked: i.value === tree.minSeverity })),
      { title: 'Show findings of at least' },
    ))?.value;
    if (pick) tree.setMinSeverity(pick);
  });
  reg('daytwo.revealFinding', async (uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    await vscode.window.showTextDocument(doc, { selection: r, preserveFocus: false });
  });
  reg('daytwo.fixAllInFile', async (arg?: vscode.Uri) => {
    const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
    if (!doc) return false;
    const changed = await fixAllInDocument(doc);
    if (!changed) void vscode.window.setStatusBarMessage('Daytwo: nothing to fix automatically in this file', 3000);
    return changed;
  });
  reg('daytwo.fixAllInWorkspace', async (opts?: { confirm?: boolean }) => {
    const r = await fetchReadiness();
    const uris = [...new Set((r?.workloads ?? []).filter((w) => w.findings.some((f) => f.fixable)).map((w) => w.uri))];
    if (!uris.length) {
      void vscode.window.showInformationMessage('Daytwo: no finding in the workspace has an automatic fix.');
      return [];
    }
    if (opts?.confirm !== false) {
      const list = uris.map((u) => `• ${relativePath(u)}`).join('\n');
      const ok = await vscode.window.showWarningMessage(
        `Apply Daytwo's safe fixes to ${uris.length} file${uris.length === 1 ? '' : 's'}?`,
        { modal: true, detail: `${list}\n\nFiles are changed and saved; undo is per file.` },
        'Fix and Save',
      );
      if (ok !== 'Fix and Save') return [];
    }
    const fixed: string[] = [];
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Daytwo: fixing', cancellable: true }, async (progress, token) => {
      for (const u of uris) {
        if (token.isCancellationRequested) break;
        progress.report({ message: relativePath(u), increment: 100 / uris.length });
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(u));
        const wasDirty = doc.isDirty;
        if (await fixAllInDocument(doc)) {
          fixed.push(u);
          if (!wasDirty) await doc.save();
        }
      }
    });
    void vscode.window.showInformationMessage(`Daytwo fixed ${fixed.length} of ${uris.length} files.`);
    void tree.refresh();
    return fixed;
  });
  reg('daytwo.workload.fixAll', async (node?: WorkloadNode | FindingNode) => {
    if (!node || !('workload' in node)) return 0;
    const w = node.workload;
    const findings = node.type === 'finding' ? [node.finding] : w.findings.filter((f) => !node.category || f.category === node.category);
    const ranges = findings.filter((f) => f.fixable).map((f) => new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character));
    if (!ranges.length) {
      void vscode.window.showInformationMessage(`Daytwo: ${w.kind}/${w.name} has no finding with an automatic fix.`);
      return 0;
    }
    const n = await fixFindingsInRange(vscode.Uri.parse(w.uri), ranges);
    void vscode.window.setStatusBarMessage(`Daytwo: applied ${n} fix${n === 1 ? '' : 'es'} to ${w.kind}/${w.name}`, 4000);
    void tree.refresh();
    return n;
  });
  reg('daytwo.openRuleDocs', async (arg?: string | Node) => {
    let id = typeof arg === 'string' ? arg : arg && arg.type === 'finding' ? arg.finding.rule : undefined;
    if (!id && arg && typeof arg !== 'string' && arg.type === 'workload') id = await pickRule(arg.workload.findings.map((f) => f.rule));
    if (!id) id = await pickRule(RULES.map((r) => r.id), diagnosticRuleAtCursor());
    if (!id) return undefined;
    const uri = vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${id}.md` });
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    }
    return uri;
  });
  reg('daytwo.workload.openRuleDocs', (node?: Node) => vscode.commands.executeCommand('daytwo.openRuleDocs', node));
  reg('daytwo.workload.ignoreRule', async (node?: WorkloadNode | FindingNode, ruleArg?: string, reasonArg?: string) => {
    if (!node || !('workload' in node)) return 0;
    const w = node.workload;
    const rule = node.type === 'finding' ? node.finding.rule : ruleArg ?? (await pickRule(w.findings.map((f) => f.rule)));
    if (!rule) return 0;
    // Prefer the server's own "Ignore <rule> for <Kind>/<name>" action (the daytwo.dev/ignore annotation).
    if (node.type === 'workload' && reasonArg === undefined) {
      const f = w.findings.find((x) => x.rule === rule);
      if (f) {
        const uri = vscode.Uri.parse(w.uri);
        const r = new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
        const a = (await actionsFor(uri, r, vscode.CodeActionKind.QuickFix.value)).find((x) => x.title === `Ignore ${rule} for ${w.kind}/${w.name}` && x.edit);
        if (a?.edit && (await vscode.workspace.applyEdit(a.edit))) {
          void tree.refresh();
          return 1;
        }
      }
    }
    const reason = reasonArg ?? (await vscode.window.showInputBox({ title: `Ignore ${rule} for ${w.kind}/${w.name}`, prompt: 'Why is this acceptable? (recorded in the comment)', placeHolder: 'reason' }));
    if (reason === undefined) return 0;
    const findings = node.type === 'finding' ? [node.finding] : w.findings.filter((f) => f.rule === rule);
    return ignoreFindings(vscode.Uri.parse(w.uri), rule, reason, findings.map((f) => f.range.start.line));
  });
  reg('daytwo.exportReport', async (target?: vscode.Uri) => {
    const r = await fetchReadiness();
    if (!r) {
      void vscode.window.showWarningMessage('Daytwo: the language server is not ready yet.');
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const dest = target ?? (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'daytwo-readiness.md') : undefined,
      filters: { Markdown: ['md'] },
      title: 'Export Daytwo readiness report',
    }));
    if (!dest) return undefined;
    const md = renderReport(r, { relative: relativePath, date: new Date().toISOString().slice(0, 10) });
    await vscode.workspace.fs.writeFile(dest, Buffer.from(md, 'utf8'));
    if (!target) await vscode.window.showTextDocument(dest);
    return dest;
  });
  reg('daytwo.createExample', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) {
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: EXAMPLE_MANIFEST });
      await vscode.window.showTextDocument(doc);
      return doc.uri;
    }
    let dest = vscode.Uri.joinPath(folder, 'k8s', 'example-deployment.yaml');
    for (let i = 2; await exists(dest); i++) dest = vscode.Uri.joinPath(folder, 'k8s', `example-deployment-${i}.yaml`);
    await vscode.workspace.fs.writeFile(dest, Buffer.from(EXAMPLE_MANIFEST, 'utf8'));
    await vscode.window.showTextDocument(dest);
    return dest;
  });

  // --- server status: scanning progress in the view, refresh when ready ---------------------------
  context.subscriptions.push(
    lc.onDidChangeState((e) => {
      if (e.newState === State.Running) void tree.refresh();
      if (e.newState === State.Stopped) {
        status.text = '$(circle-slash) Daytwo';
        status.tooltip = 'Daytwo: the language server is stopped. Click to open the panel; run "Daytwo: Restart Server" to start it.';
      }
    }),
  );
  await lc.start();
  context.subscriptions.push(
    lc.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      setScanning(p.state === 'scanning', p.total ? `${p.files}/${p.total} files` : undefined);
      if (p.state === 'ready') void tree.refresh();
    }),
  );
  void tree.refresh();

  return { client: lc, tree, readiness: fetchReadiness };
}

export async function deactivate(): Promise<void> {
  if (client?.isRunning()) await client.stop();
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function diagnosticRuleAtCursor(): string | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed) return undefined;
  const d = vscode.languages.getDiagnostics(ed.document.uri).find((x) => x.source === 'daytwo' && x.range.contains(ed.selection.active));
  const code = d?.code;
  return typeof code === 'object' ? String(code.value) : code !== undefined ? String(code) : undefined;
}

async function pickRule(ids: string[], preferred?: string): Promise<string | undefined> {
  const unique = [...new Set(ids)];
  if (unique.length === 1) return unique[0];
  const items = unique.map((id) => {
    const r = ruleById(id);
    return { label: id, description: r ? `${r.category} · ${r.severity}` : '', detail: r?.description };
  });
  items.sort((a, b) => Number(b.label === preferred) - Number(a.label === preferred) || a.label.localeCompare(b.label));
  return (await vscode.window.showQuickPick(items, { title: 'Daytwo rule', matchOnDescription: true, matchOnDetail: true }))?.label;
}

/** Inserts `# daytwo-ignore <rule> -- <reason>` above each line, indented like that line. */
async function ignoreFindings(uri: vscode.Uri, rule: string, reason: string, lines: number[]): Promise<number> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  const unique = [...new Set(lines)].sort((a, b) => a - b);
  for (const line of unique) {
    const text = doc.lineAt(line).text;
    const indent = /^\s*/.exec(text)![0];
    const above = line > 0 ? doc.lineAt(line - 1).text : '';
    const m = /#\s*daytwo-ignore\s+([^-\r\n]*?)(\s*--.*)?$/.exec(above);
    if (m && line > 0) {
      // Extend an existing comment rather than stacking a second one.
      const ids = m[1].split(/[,\s]+/).filter(Boolean);
      if (ids.includes(rule)) continue;
      const start = above.indexOf(m[1]);
      edit.replace(uri, new vscode.Range(line - 1, start, line - 1, start + m[1].length), [...ids, rule].join(', '));
      continue;
    }
    edit.insert(uri, new vscode.Position(line, 0), `${indent}# daytwo-ignore ${rule}${reason.trim() ? ` -- ${reason.trim()}` : ''}\n`);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return 0;
  return unique.length;
}

class RuleDocProvider implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = path.posix.basename(uri.path, '.md');
    const r = ruleById(id);
    if (!r) return `# Unknown rule \`${id}\`\n\nRun **Daytwo: Open Rule Documentation** to pick from the list of rules.\n`;
    const parts = [
      `# ${r.id}`,
      `**Category:** ${r.category} · **Default severity:** ${r.severity}${r.defaultOff ? ' (off unless enabled)' : ''}`,
      r.description,
      '## Why it matters',
      r.rationale,
    ];
    if (r.fix) parts.push('## Quick fix', r.fix);
    if (r.options?.length) parts.push('## Options', ...r.options.map((o) => `- \`${o.name}\` (default \`${JSON.stringify(o.default)}\`): ${o.description}`));
    if (r.examples) parts.push('## Example that fires', '```yaml\n' + r.examples.bad.trimEnd() + '\n```', '## Example that passes', '```yaml\n' + r.examples.good.trimEnd() + '\n```');
    parts.push(
      '## Turning it off',
      `- For one line: a \`# daytwo-ignore ${r.id} -- reason\` comment on the line or the line above.`,
      `- For an object: the annotation \`daytwo.dev/ignore: "${r.id}"\`.`,
      `- For the workspace: \`rules: { ${r.id}: off }\` in \`.daytwo.yaml\`, or the \`daytwo.rules\` setting.`,
      `[Online documentation](${ruleDocUrl(r.id)})`,
    );
    return parts.join('\n\n') + '\n';
  }
}
