/**
 * Keystrokes through the real server against a fresh analysis: random incremental edits of a
 * multi-document manifest (characters, line breaks, `---` and `...` lines, comments with
 * `daytwo-ignore`, braces, whole lines removed), sent as an editor sends them, must leave exactly the
 * diagnostics a new workspace computes from the same text. The server takes each change with the text
 * and splits the new text from the old documents instead of reading it whole (Workspace.update,
 * splitEdited); this checks the whole path, from the editor's change to the published diagnostics.
 */

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient } from './lspClient';
import { rng } from '../random';
import { Workspace } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules/registry';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.shutdown()));
});

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const INSERTS = ['x', ' ', '\n', '---\n', '\n...\n', '# daytwo-ignore run-as-root\n', '{', '}', ': ', '- ', '"', 'replicas: three', '  ', '\n---'];

/**
 * A diagnostic whole, as the editor receives it: any difference in the findings, and any diagnostic
 * the server gave again from an earlier publish where it should have made a new one, shows here.
 */
const shown = (d: object) => JSON.stringify(d);

function fresh(uri: string, text: string): string[] {
  const ws = new Workspace({ rules: RULES, log: () => undefined });
  ws.update(uri, text, 1);
  const r = ws.analyze(uri)!;
  return r.findings.filter((f) => !f.suppressed).map((f) => shown(toDiagnostic(f, r.lines))).sort();
}

function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

test('random keystrokes through the server give the diagnostics of a fresh analysis of the same text', async () => {
  const text0 = ['web/deployment.yaml', 'web/service.yaml', 'db/postgres.yaml', 'db/redis.yaml']
    .map((f) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8'))
    .map((t) => (t.startsWith('---') ? t : `---\n${t}`))
    .join('');
  const c = new LspClient();
  clients.push(c);
  await c.initialize();
  const uri = 'file:///tmp/daytwo-test/keystrokes.yaml';
  let text = text0;
  let version = 1;
  c.open(uri, text, version);
  const r = rng(20261124);
  for (let step = 0; step < 60; step++) {
    const start = Math.floor(r() * (text.length + 1));
    const roll = r();
    // Mostly typing; sometimes deleting a few characters or a whole line.
    const end = roll < 0.6 ? start : roll < 0.85 ? Math.min(text.length, start + 1 + Math.floor(r() * 6)) : Math.max(start, text.indexOf('\n', start) + 1 || text.length);
    const inserted = roll < 0.6 || r() < 0.3 ? INSERTS[Math.floor(r() * INSERTS.length)] : '';
    const range = { start: position(text, start), end: position(text, end) };
    text = text.slice(0, start) + inserted + text.slice(end);
    version++;
    c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: inserted }] });
    const got = await c.waitForDiagnostics(uri, (p) => p.version === version);
    assert.deepEqual(got.diagnostics.map(shown).sort(), fresh(uri, text), `after step ${step}: ${JSON.stringify({ start, end, inserted })}`);
  }
  assert.notEqual(text, text0);
});
