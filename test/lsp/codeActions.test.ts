/** Quick-fixes over real stdio: diagnostics -> code actions -> apply the edit -> the diagnostic is gone. */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';
import { tempDir } from '../tempDir';

type Pos = { line: number; character: number };
type TextEdit = { range: { start: Pos; end: Pos }; newText: string };

function offsetAt(text: string, p: Pos): number {
  let off = 0;
  for (let l = 0; l < p.line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl === -1) return text.length;
    off = nl + 1;
  }
  return off + p.character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 8080
          name: http
        securityContext:
          privileged: true
`;

test('a quick-fix, applied, makes its diagnostic disappear; ignore and fix-all actions are offered', async () => {
  const dir = tempDir('daytwo-ca-');
  const uri = pathToFileURL(path.join(dir, 'web.yaml')).href;
  const client = new LspClient();
  try {
    const init = await client.initialize(dir, { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } } });
    assert.deepEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.daytwo']);
    client.open(uri, MANIFEST, 1);
    const pub = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'privileged-container'), { version: 1 });
    const diag = pub.diagnostics.find((d) => d.code === 'privileged-container')!;
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag], only: ['quickfix'] } });
    assert.equal(actions[0].title, "Set privileged: false on container 'web'");
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].diagnostics[0].code, 'privileged-container');
    assert.ok(actions.some((a) => a.title === 'Ignore privileged-container for this line'));
    assert.ok(actions.some((a) => a.title === 'Ignore privileged-container for Deployment/web'));

    const edits: TextEdit[] = actions[0].edit.changes[uri];
    assert.equal(edits.length, 1);
    const fixed = applyEdits(MANIFEST, edits);
    assert.equal(fixed, MANIFEST.replace('privileged: true', 'privileged: false'));
    client.change(uri, fixed, 2);
    const after = await client.waitForDiagnostics(uri, () => true, { version: 2 });
    assert.ok(!after.diagnostics.some((d) => d.code === 'privileged-container'), 'the finding is gone');

    // Every quick-fix the server offers applies cleanly and removes its diagnostic.
    let version = 2;
    for (const d of after.diagnostics) {
      const acts: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      assert.ok(acts.length >= 1, `actions for ${d.code}`);
      const text = applyEdits(fixed, acts[0].edit.changes[uri]);
      client.change(uri, text, ++version);
      const p = await client.waitForDiagnostics(uri, () => true, { version });
      assert.ok(!p.diagnostics.some((x) => x.code === d.code && x.message === d.message), `${acts[0].title} removes ${d.code}`);
      client.change(uri, fixed, ++version);
      await client.waitForDiagnostics(uri, () => true, { version });
    }

    const all: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(all.length, 1);
    assert.equal(all[0].kind, 'source.fixAll.daytwo');
    const resolved = all[0].edit ? all[0] : await client.request('codeAction/resolve', all[0]);
    const text = applyEdits(fixed, resolved.edit.changes[uri]);
    client.change(uri, text, ++version);
    const final = await client.waitForDiagnostics(uri, () => true, { version });
    assert.ok(final.diagnostics.length < after.diagnostics.length, 'fix-all leaves fewer diagnostics');
    assert.ok(!final.diagnostics.some((d) => d.code === 'yaml-syntax'), 'fix-all result parses');
  } finally {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a diagnostic whose range no longer matches (the text changed since) still gets its quick-fix, computed on the current text', async () => {
  const dir = tempDir('daytwo-ca-');
  const uri = pathToFileURL(path.join(dir, 'web.yaml')).href;
  const client = new LspClient();
  try {
    await client.initialize(dir, { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } });
    client.open(uri, MANIFEST, 1);
    const pub = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'privileged-container'), { version: 1 });
    const stale = pub.diagnostics.find((d) => d.code === 'privileged-container')!;
    assert.deepEqual(stale.data, { docIndex: 0 }, 'the diagnostic identifies its finding, without the fix operations');
    // Two comment lines above: the finding moves down, the old diagnostic's range points elsewhere.
    const edited = `# web tier\n# owned by the shop team\n${MANIFEST}`;
    client.change(uri, edited, 2);
    await client.waitForDiagnostics(uri, () => true, { version: 2 });
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: stale.range, context: { diagnostics: [stale], only: ['quickfix'] } });
    const fix = actions.find((a) => a.title === "Set privileged: false on container 'web'");
    assert.ok(fix, `quick-fix offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(applyEdits(edited, fix.edit.changes[uri]), edited.replace('privileged: true', 'privileged: false'));
  } finally {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a code action request for a document the server does not have is answered with nothing, and the reason is logged', async () => {
  const dir = tempDir('daytwo-ca-');
  const uri = pathToFileURL(path.join(dir, 'web.yaml')).href;
  const client = new LspClient();
  try {
    await client.initialize(dir);
    const range = { start: { line: 20, character: 10 }, end: { line: 20, character: 26 } };
    const diagnostic = { range, severity: 1, source: 'daytwo', code: 'privileged-container', message: 'privileged' };
    const logged = client.waitFor<{ message: string }>('window/logMessage', (p) => p.message.includes(`no code actions for ${uri}: it is not open`), { includePast: true });
    const actions = await client.request<unknown[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [diagnostic] } });
    assert.deepEqual(actions, []);
    await logged;
    // Opened, the same request gets the fix.
    client.open(uri, MANIFEST);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'privileged-container'), { version: 1 });
    const live = client.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'privileged-container')!;
    const now = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: live.range, context: { diagnostics: [live] } });
    assert.ok(now.length > 0, 'actions once the document is open');
  } finally {
    await client.shutdown();
  }
});
