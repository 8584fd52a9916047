/**
 * Extension tests, inside a real VS Code extension host, on a copy of examples/: diagnostics for an
 * opened manifest, a quick fix, the readiness tree's nodes, and the commands. Every wait is on an
 * event (diagnostics changes, tree updates), never a fixed sleep.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DaytwoApi } from '../../../client/src/extension';
import type { Node } from '../../../client/src/readinessModel';

const ws = () => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string) => vscode.Uri.joinPath(ws(), rel);

function daytwo(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'daytwo');
}

function code(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves with the diagnostics of `uri` once `pred` holds, checking on every diagnostics change. */
function diagnosticsWhere(uri: vscode.Uri, pred: (d: vscode.Diagnostic[]) => boolean, what: string, ms = 45000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = daytwo(uri);
    if (pred(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; have: ${daytwo(uri).map(code).join(', ')}`));
    }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = daytwo(uri);
      if (pred(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}

/** Resolves once the readiness tree has been updated with an answer satisfying `pred`. */
async function treeWhere(api: DaytwoApi, pred: (roots: Node[]) => boolean, what: string, ms = 45000): Promise<Node[]> {
  const ok = () => !!api.tree.result && pred(api.tree.getChildren());
  if (ok()) return api.tree.getChildren();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const sub = api.tree.onDidUpdate(() => {
      if (ok()) {
        clearTimeout(timer);
        sub.dispose();
        resolve(api.tree.getChildren());
      }
    });
    void api.tree.refresh();
  });
}

function labelsOf(nodes: Node[]): string[] {
  return nodes.map((n) => ('label' in n ? n.label : ''));
}

/**
 * When VS Code offers no quick fix, which layer dropped it: the editor's view of the document, the
 * language client, or the server (asked directly over the same connection).
 */
async function whyNoActions(uri: vscode.Uri, d: vscode.Diagnostic): Promise<string> {
  const api = vscode.extensions.getExtension<DaytwoApi>('daytwo.daytwo')!.exports;
  const doc = vscode.workspace.textDocuments.find((t) => t.uri.toString() === uri.toString());
  let server: string;
  try {
    const c2p = api.client.code2ProtocolConverter;
    const res = await api.client.sendRequest<{ title: string }[] | null>('textDocument/codeAction', {
      textDocument: { uri: c2p.asUri(uri) },
      range: c2p.asRange(d.range),
      context: { diagnostics: [c2p.asDiagnostic(d)], only: ['quickfix'] },
    });
    server = JSON.stringify(res?.map((a) => a.title) ?? res);
  } catch (e) {
    server = `error ${(e as Error).message}`;
  }
  return ` (document: ${doc ? `${doc.languageId} v${doc.version}${doc.isDirty ? ' dirty' : ''}` : 'not open'}; client running: ${api.client.isRunning()}; the server, asked directly: ${server})`;
}

describe('Daytwo in VS Code', function () {
  let api: DaytwoApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<DaytwoApi>('daytwo.daytwo');
    assert.ok(ext, 'the extension is installed');
    // Opening a YAML file activates it (activation onLanguage:yaml).
    const doc = await vscode.workspace.openTextDocument(file('web/deployment.yaml'));
    await vscode.window.showTextDocument(doc);
    api = await ext.activate();
    assert.ok(api?.tree, 'the extension returns its API');
  });

  it('activates on YAML only, declares untrusted-workspace support, and contributes its commands', () => {
    const pkg = vscode.extensions.getExtension('daytwo.daytwo')!.packageJSON;
    assert.deepEqual(pkg.activationEvents, ['onLanguage:yaml']);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    return vscode.commands.getCommands(true).then((all) => {
      for (const c of ['daytwo.scanWorkspace', 'daytwo.showReadiness', 'daytwo.fixAllInFile', 'daytwo.exportReport', 'daytwo.openRuleDocs', 'daytwo.restartServer', 'daytwo.showOutput']) {
        assert.ok(all.includes(c), `${c} registered`);
      }
    });
  });

  it('shows diagnostics for an opened manifest, at the right place', async () => {
    const uri = file('web/deployment.yaml');
    const d = await diagnosticsWhere(uri, (x) => x.some((y) => code(y) === 'probe-port-unknown'), 'probe-port-unknown');
    const probe = d.find((x) => code(x) === 'probe-port-unknown')!;
    assert.equal(probe.severity, vscode.DiagnosticSeverity.Error);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(probe.range), 'web');
    assert.match(probe.message, /does not declare/);
    assert.ok(d.some((x) => code(x) === 'secret-in-env'));
    assert.ok(d.some((x) => code(x) === 'mesh-annotation-misplaced'));
  });

  it('starts the server without NODE_EXTRA_CA_CERTS, which it has no use for', function () {
    // Only observable where the variable is set (as on this project's machines) and /proc exists.
    if (process.platform !== 'linux' || !process.env.NODE_EXTRA_CA_CERTS) return this.skip();
    const serverJs = path.join(vscode.extensions.getExtension('daytwo.daytwo')!.extensionPath, 'dist', 'server.js');
    const servers = fs.readdirSync('/proc').filter((pid) => {
      if (!/^\d+$/.test(pid)) return false;
      try {
        const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.includes(serverJs) && argv.includes('--node-ipc');
      } catch {
        return false; // gone meanwhile
      }
    });
    assert.ok(servers.length >= 1, `no process runs ${serverJs} --node-ipc`);
    for (const pid of servers) {
      const env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      assert.ok(env.includes('ELECTRON_RUN_AS_NODE=1'), 'the process found is the forked server');
      assert.ok(!env.some((v) => v.startsWith('NODE_EXTRA_CA_CERTS=')), `server process ${pid} has NODE_EXTRA_CA_CERTS`);
    }
  });

  it('applies a quick fix', async () => {
    const uri = file('web/deployment.yaml');
    const [probe] = (await diagnosticsWhere(uri, (x) => x.some((y) => code(y) === 'probe-port-unknown'), 'probe-port-unknown')).filter((x) => code(x) === 'probe-port-unknown');
    // The diagnostics event comes from the extension host; the command runs in the workbench, whose
    // copy of the markers and providers can lag behind on a cold first start (on two CI first
    // attempts it answered nothing at all while the server, asked directly, offered the fix). So the
    // test asks again until the workbench has caught up, and says how many times it had to.
    const ask = async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, probe.range, vscode.CodeActionKind.QuickFix.value, 10)) ?? [];
    let actions = await ask();
    let asked = 1;
    for (const until = Date.now() + 10_000; !actions.length && Date.now() < until; asked++) {
      await new Promise((r) => setTimeout(r, 100));
      actions = await ask();
    }
    if (asked > 1) console.log(`      (the workbench offered code actions after ${asked} requests)`);
    const fix = actions.find((a) => /port to 'http'/.test(a.title));
    assert.ok(fix?.edit, `a fix is offered: ${actions.map((a) => a.title).join(' | ')} (asked ${asked} times)${fix ? '' : await whyNoActions(uri, probe)}`);
    assert.ok(actions.some((a) => a.title === 'Ignore probe-port-unknown for this line'), 'an ignore action is offered too');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(probe.range.start.line).text.trim(), 'port: http');
    await diagnosticsWhere(uri, (x) => !x.some((y) => code(y) === 'probe-port-unknown') && x.some((y) => code(y) === 'secret-in-env'), 'the probe finding to go');
  });

  it('fills the readiness tree: score, namespaces, workloads, categories, findings', async () => {
    const roots = await treeWhere(api, (r) => r.some((n) => n.type === 'group' && n.label === 'payments'), 'the payments namespace');
    const summary = roots[0];
    assert.equal(summary.type, 'summary');
    assert.match(summary.label, /^Workspace score \d+\/100$/);
    assert.deepEqual(labelsOf(api.tree.getChildren(summary)), ['privileges', 'storage', 'probes', 'mesh', 'resources', 'schema']);
    const groups = roots.filter((n) => n.type === 'group');
    assert.ok(labelsOf(groups).includes('shop'));
    const shop = groups.find((g) => g.label === 'shop')!;
    const workloads = labelsOf(api.tree.getChildren(shop));
    for (const w of ['Deployment/storefront', 'StatefulSet/orders-db', 'Job/migrate-orders']) assert.ok(workloads.includes(w), `${w} in ${workloads.join(', ')}`);
    const payments = api.tree.getChildren(groups.find((g) => g.label === 'payments')!);
    const api0 = payments.find((n) => n.type === 'workload' && n.label === 'Deployment/payments-api')!;
    assert.ok(api0 && api0.type === 'workload');
    assert.equal(api0.worst, 'error');
    const cats = api.tree.getChildren(api0);
    assert.ok(labelsOf(cats).includes('mesh'));
    const findings = api.tree.getChildren(cats.find((c) => c.label === 'mesh')!);
    assert.ok(findings.some((f) => f.type === 'finding' && f.finding.rule === 'mesh-annotation-value' && f.finding.rationale.length > 20));
    const item = api.tree.getTreeItem(findings[0]);
    assert.equal(item.command?.command, 'daytwo.revealFinding');
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
  });

  it('groups by file and by category, and filters by severity', async () => {
    await vscode.commands.executeCommand('daytwo.groupBy', 'file');
    assert.ok(labelsOf(api.tree.getChildren()).includes('payments/payments-api.yaml'));
    await vscode.commands.executeCommand('daytwo.groupBy', 'category');
    const cats = labelsOf(api.tree.getChildren().filter((n) => n.type === 'group'));
    assert.ok(cats.includes('mesh') && cats.includes('storage'), cats.join(', '));
    await vscode.commands.executeCommand('daytwo.groupBy', 'namespace');
    await vscode.commands.executeCommand('daytwo.filterSeverity', 'error');
    const shown = api.tree.getChildren().filter((n) => n.type === 'group').flatMap((g) => api.tree.getChildren(g));
    assert.ok(shown.every((w) => w.type === 'workload' && w.worst === 'error'), labelsOf(shown).join(', '));
    assert.ok(!labelsOf(shown).includes('Job/migrate-orders'));
    await vscode.commands.executeCommand('daytwo.filterSeverity', 'info');
  });

  it('runs the commands: export report, rule docs, fix all in file, ignore rule, scan, restart', async () => {
    const report = file('readiness-report.md');
    await vscode.commands.executeCommand('daytwo.exportReport', report);
    const md = fs.readFileSync(report.fsPath, 'utf8');
    assert.match(md, /^# Daytwo readiness report/);
    assert.match(md, /## Requested resources per namespace/);
    assert.match(md, /\| payments \| 1 \|/);

    const docUri = await vscode.commands.executeCommand<vscode.Uri>('daytwo.openRuleDocs', 'run-as-root');
    const doc = await vscode.workspace.openTextDocument(docUri);
    assert.match(doc.getText(), /^# run-as-root/);
    assert.match(doc.getText(), /## Why it matters/);

    // Fix all in file: the payments manifest's boolean linkerd.io/inject becomes "enabled".
    const payments = file('payments/payments-api.yaml');
    await diagnosticsWhere(payments, (x) => x.some((y) => code(y) === 'mesh-annotation-value'), 'mesh-annotation-value');
    const changed = await vscode.commands.executeCommand<boolean>('daytwo.fixAllInFile', payments);
    assert.equal(changed, true);
    const pdoc = await vscode.workspace.openTextDocument(payments);
    assert.match(pdoc.getText(), /linkerd\.io\/inject: "?enabled"?/);
    await diagnosticsWhere(payments, (x) => !x.some((y) => code(y) === 'mesh-annotation-value'), 'the mesh value finding to go');

    // Ignore a rule from the tree's context menu: the image finding of payments-api goes away.
    const roots = await treeWhere(api, (r) => r.some((n) => n.type === 'group' && n.label === 'payments'), 'payments');
    const wl = api.tree.getChildren(roots.find((n) => n.type === 'group' && n.label === 'payments')!).find((n) => n.type === 'workload')!;
    assert.ok(wl.type === 'workload' && wl.workload.findings.some((f) => f.rule === 'image-tag-mutable'));
    const n = await vscode.commands.executeCommand<number>('daytwo.workload.ignoreRule', wl, 'image-tag-mutable');
    assert.equal(n, 1);
    await diagnosticsWhere(payments, (x) => !x.some((y) => code(y) === 'image-tag-mutable'), 'image-tag-mutable to be ignored');

    await vscode.commands.executeCommand('daytwo.scanWorkspace');
    await vscode.commands.executeCommand('daytwo.restartServer');
    await vscode.commands.executeCommand('daytwo.showOutput');
    // The restarted server scans the workspace again and answers readiness (the tree refreshes when it is done).
    await treeWhere(api, () => !!api.tree.result && !api.tree.result.scanning && api.tree.result.totals.workloads >= 4, 'readiness from the restarted server');
  });

  it('creates an example manifest without findings above info', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('daytwo.createExample');
    assert.ok(uri && path.basename(uri.fsPath).startsWith('example-deployment'));
    const d = await diagnosticsWhere(uri, () => true, 'diagnostics of the example');
    assert.deepEqual(d.filter((x) => x.severity <= vscode.DiagnosticSeverity.Warning).map(code), []);
  });
});
