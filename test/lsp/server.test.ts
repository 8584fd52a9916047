import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';
import { yaml } from '../helpers';
import { tempDir } from '../tempDir';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.shutdown()));
});

function tempWorkspace(files: Record<string, string>): string {
  const dir = tempDir('daytwo-lsp-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const PRIVILEGED_POD = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: debug
    namespace: tools
  spec:
    containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

test('server: initialize, open a manifest, receive diagnostics with codes, ranges, source and doc links', async () => {
  const c = new LspClient();
  clients.push(c);
  const init = await c.initialize();
  assert.equal(init.serverInfo.name, 'daytwo');
  assert.ok(init.capabilities.textDocumentSync);
  const uri = 'file:///tmp/daytwo-test/debug.yaml';
  c.open(uri, PRIVILEGED_POD, 1);
  const d = await c.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'privileged-container'));
  const priv = d.diagnostics.find((x) => x.code === 'privileged-container')!;
  assert.equal(priv.source, 'daytwo');
  assert.equal(priv.severity, 1);
  assert.deepEqual(priv.range, { start: { line: 10, character: 6 }, end: { line: 10, character: 22 } });
  assert.match(priv.codeDescription!.href, /privileged-container/);
  assert.match(priv.message, /'shell'.*Pod\/debug/);
  assert.equal(d.version, 1);
});

test('server: an edit replaces the diagnostics, and they belong to the new version', async () => {
  const c = new LspClient();
  clients.push(c);
  await c.initialize();
  const uri = 'file:///tmp/daytwo-test/edit.yaml';
  c.open(uri, PRIVILEGED_POD, 1);
  await c.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'privileged-container'));
  c.change(uri, PRIVILEGED_POD.replace('privileged: true', 'privileged: false'), 2);
  const d = await c.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.ok(!d.diagnostics.some((x) => x.code === 'privileged-container'));
});

test('server: non-Kubernetes YAML gets no diagnostics at all', async () => {
  const c = new LspClient();
  clients.push(c);
  await c.initialize();
  const uri = 'file:///tmp/daytwo-test/.github/workflows/ci.yaml';
  c.open(uri, 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n    - run: npm test\n', 1);
  const d = await c.waitForDiagnostics(uri);
  assert.deepEqual(d.diagnostics, []);
});

test('server: scans the workspace folder at start and publishes diagnostics for files not open', async () => {
  const dir = tempWorkspace({ 'apps/debug.yaml': PRIVILEGED_POD, 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
  const c = new LspClient();
  clients.push(c);
  await c.initialize(dir);
  const uri = pathToFileURL(path.join(dir, 'apps/debug.yaml')).href;
  const d = await c.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.ok(d.diagnostics.some((x) => x.code === 'privileged-container'));
  const ready = await c.waitFor<{ state: string; files: number }>('daytwo/status', (p) => p.state === 'ready', { includePast: true });
  assert.equal(ready.files, 2);
  const compose = c.diagnostics.get(pathToFileURL(path.join(dir, 'compose.yaml')).href);
  assert.ok(!compose || compose.diagnostics.length === 0);
});

test('server: an open file of the workspace is published once at start, not again by the scan and the settings pass, and again when it changes', async () => {
  const dir = tempWorkspace({ 'apps/debug.yaml': PRIVILEGED_POD, 'apps/other.yaml': PRIVILEGED_POD.replace('name: debug', 'name: other') });
  const c = new LspClient();
  clients.push(c);
  await c.initialize(dir);
  const uri = pathToFileURL(path.join(dir, 'apps/debug.yaml')).href;
  c.open(uri, PRIVILEGED_POD, 1);
  await c.waitFor<{ state: string }>('daytwo/status', (p) => p.state === 'ready', { includePast: true });
  // The scan published the other file; the settings pass is over once the configuration was answered.
  await c.waitForDiagnostics(pathToFileURL(path.join(dir, 'apps/other.yaml')).href);
  const publishes = () => c.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
  assert.equal(publishes().length, 1, 'the same diagnostics of version 1 were sent more than once');
  assert.ok(publishes()[0].params.diagnostics.some((d: { code: string }) => d.code === 'privileged-container'));

  c.change(uri, PRIVILEGED_POD.replace('privileged: true', 'privileged: false'), 2);
  await c.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.equal(publishes().length, 2);

  // Closed, then opened again as version 1 (VS Code numbers a re-opened file from 1 again): the close
  // replaced what the editor showed, so the same analysis of version 1 is sent again.
  c.close(uri);
  await c.waitForDiagnostics(uri, (p) => p.version === undefined);
  c.open(uri, PRIVILEGED_POD, 1);
  const reopened = await c.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.ok(reopened.diagnostics.some((d) => d.code === 'privileged-container'));
  assert.equal(publishes().length, 4);
});

test('server: a pull request for an open file answers from its newest text, edited since it was published', async () => {
  const c = new LspClient();
  clients.push(c);
  await c.initialize();
  const uri = 'file:///tmp/daytwo-test/pull.yaml';
  c.open(uri, PRIVILEGED_POD, 1);
  await c.waitForDiagnostics(uri, (p) => p.version === 1);
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 10, character: 20 }, end: { line: 10, character: 24 } }, text: 'false' }] });
  const pulled = await c.request<{ kind: string; items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(pulled.kind, 'full');
  assert.ok(pulled.items.length > 0);
  assert.ok(!pulled.items.some((d) => d.code === 'privileged-container'), 'answered from the text before the edit');
  const pushed = await c.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(pulled.items.map((d) => d.code).sort(), pushed.diagnostics.map((d) => String(d.code)).sort());
});

test('server: a bad .daytwo.yaml gets diagnostics on the config file and does not stop analysis', async () => {
  const dir = tempWorkspace({
    '.daytwo.yaml': 'kubernetesVersion: "1.35"\nrules:\n  privileged-containr: off\n  run-as-root: loud\n',
    'pod.yaml': PRIVILEGED_POD,
  });
  const c = new LspClient();
  clients.push(c);
  await c.initialize(dir);
  const configUri = pathToFileURL(path.join(dir, '.daytwo.yaml')).href;
  const cfg = await c.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0);
  const messages = cfg.diagnostics.map((x) => x.message).join('\n');
  assert.match(messages, /Unknown rule "privileged-containr": did you mean "privileged-container"\?/);
  assert.match(messages, /rules\/run-as-root/);
  const unknown = cfg.diagnostics.find((x) => /privileged-containr/.test(x.message))!;
  assert.equal(unknown.range.start.line, 2);
  const pod = await c.waitForDiagnostics(pathToFileURL(path.join(dir, 'pod.yaml')).href, (p) => p.diagnostics.length > 0);
  assert.ok(pod.diagnostics.some((x) => x.code === 'privileged-container'));
});

test('server: .daytwo.yaml turns a rule off and changes a severity', async () => {
  const dir = tempWorkspace({
    '.daytwo.yaml': 'rules:\n  privileged-container: warning\n  run-as-root: off\n',
    'pod.yaml': PRIVILEGED_POD,
  });
  const c = new LspClient();
  clients.push(c);
  await c.initialize(dir);
  const pod = await c.waitForDiagnostics(pathToFileURL(path.join(dir, 'pod.yaml')).href, (p) => p.diagnostics.length > 0);
  const priv = pod.diagnostics.find((x) => x.code === 'privileged-container')!;
  assert.equal(priv.severity, 2);
  assert.ok(!pod.diagnostics.some((x) => x.code === 'run-as-root'));
});

/** The severity of the privileged-container diagnostic in a publish (undefined: none). */
const privilegedSeverity = (p: { diagnostics: { code?: unknown; severity?: number }[] }) => p.diagnostics.find((d) => d.code === 'privileged-container')?.severity;

/** A server on a workspace of `files`, scanned, with the privileged pod at `pod` open as version 1. */
async function withOpenPod(files: Record<string, string>, pod: string): Promise<{ c: LspClient; dir: string; uri: string }> {
  const dir = tempWorkspace({ ...files, [pod]: PRIVILEGED_POD });
  const c = new LspClient();
  clients.push(c);
  await c.initialize(dir);
  await c.waitFor<{ state: string }>('daytwo/status', (p) => p.state === 'ready', { includePast: true });
  const uri = pathToFileURL(path.join(dir, pod)).href;
  c.open(uri, PRIVILEGED_POD, 1);
  return { c, dir, uri };
}

test('server: an open file\'s diagnostics follow a severity changed in .daytwo.yaml while it is open, then one edited back', async () => {
  const { c, dir, uri } = await withOpenPod({ '.daytwo.yaml': 'rules: {}\n' }, 'pod.yaml');
  await c.waitForDiagnostics(uri, (p) => p.version === 1 && privilegedSeverity(p) === 1);
  // The same finding in the same place, with another severity (typed into the open config file): its
  // diagnostic is made anew.
  const config = pathToFileURL(path.join(dir, '.daytwo.yaml')).href;
  c.open(config, 'rules:\n  privileged-container: warning\n', 1);
  const warned = await c.waitForDiagnostics(uri, (p) => privilegedSeverity(p) === 2);
  assert.equal(warned.version, 1);
  c.change(config, 'rules:\n  privileged-container: error\n', 2);
  await c.waitForDiagnostics(uri, (p) => privilegedSeverity(p) === 1);
  // And the edited file after that: its diagnostics carry the new severity, not a kept one.
  c.change(uri, `# debug pod\n${PRIVILEGED_POD}`, 2);
  const edited = await c.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.equal(privilegedSeverity(edited), 1);
});

test('server: a new .daytwo.yaml typed at the root applies before it is saved, and its effect goes when it is closed unsaved', async () => {
  const { c, dir, uri } = await withOpenPod({}, 'pod.yaml');
  await c.waitForDiagnostics(uri, (p) => privilegedSeverity(p) === 1);
  const config = pathToFileURL(path.join(dir, '.daytwo.yaml')).href;
  c.open(config, 'rules:\n  privileged-container: warning\n  run-as-root: nope\n', 1);
  await c.waitForDiagnostics(uri, (p) => privilegedSeverity(p) === 2);
  const problems = await c.waitForDiagnostics(config, (p) => p.diagnostics.length > 0);
  assert.ok(problems.diagnostics.some((d) => /run-as-root/.test(d.message) && d.range.start.line === 2), JSON.stringify(problems.diagnostics));
  // A settings change reads the config again: still the editor's text, with the settings under it.
  c.onServerRequest = (method, params) => (method === 'workspace/configuration' ? (params.items ?? []).map(() => ({ rules: { 'seccomp-profile': 'off' } })) : null);
  c.notify('workspace/didChangeConfiguration', { settings: null });
  const resettled = await c.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'seccomp-profile'));
  assert.equal(privilegedSeverity(resettled), 2);
  c.close(config);
  await c.waitForDiagnostics(uri, (p) => privilegedSeverity(p) === 1);
  await c.waitForDiagnostics(config, (p) => p.diagnostics.length === 0);
  assert.ok(!fs.existsSync(path.join(dir, '.daytwo.yaml')));
});

test('server: a .daytwo.yaml below the root, opened in the editor, is not read as the folder\'s and says so', async () => {
  const { c, dir, uri } = await withOpenPod({ '.daytwo.yaml': 'rules:\n  privileged-container: warning\n', 'apps/.daytwo.yaml': 'rules:\n  privileged-container: off\n' }, 'apps/pod.yaml');
  await c.waitForDiagnostics(uri, (p) => p.version === 1 && privilegedSeverity(p) === 2);
  const nested = pathToFileURL(path.join(dir, 'apps/.daytwo.yaml')).href;
  c.open(nested, 'rules:\n  privileged-container: off\n  run-as-root: off\n', 1);
  const warned = await c.waitForDiagnostics(nested, (p) => p.diagnostics.length > 0);
  assert.equal(warned.diagnostics.length, 1);
  assert.match(warned.diagnostics[0].message, /root of the workspace folder .* only: this file is not read/);
  // A change that re-checks the pod: the root's config still holds (the nested file would turn the rule off).
  c.change(uri, `# debug\n${PRIVILEGED_POD}`, 2);
  const after = await c.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.equal(privilegedSeverity(after), 2);
  assert.ok(after.diagnostics.some((d) => d.code === 'run-as-root'));
});

test('server: daytwo/readiness lists workloads with scores and counts', async () => {
  const dir = tempWorkspace({ 'pod.yaml': PRIVILEGED_POD });
  const c = new LspClient();
  clients.push(c);
  await c.initialize(dir);
  await c.waitFor('daytwo/status', (p: { state: string }) => p.state === 'ready', { includePast: true });
  const r = await c.request('daytwo/readiness', {});
  assert.equal(r.workloads.length, 1);
  const w = r.workloads[0];
  assert.equal(w.kind, 'Pod');
  assert.equal(w.name, 'debug');
  assert.equal(w.namespace, 'tools');
  assert.ok(w.score >= 0 && w.score < 100, `score ${w.score}`);
  assert.ok(w.counts.bySeverity.error >= 1);
  assert.ok(w.findings.some((f: { rule: string }) => f.rule === 'privileged-container'));
  assert.equal(r.totals.workloads, 1);
  assert.equal(r.scanning, false);
});
