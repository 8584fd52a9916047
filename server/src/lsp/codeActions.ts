/**
 * Code actions: the quick-fix of each Daytwo diagnostic (the fix its rule attached to the engine's
 * cached finding; the diagnostic carries what identifies that finding), the two ignore actions every
 * finding offers, and `source.fixAll.daytwo` (every safe fix of the file in one edit, for "Fix all"
 * and `editor.codeActionsOnSave`). Edits are minimal text edits computed by the
 * fix engine on the document's current text; a diagnostic from an older version is matched against
 * the current analysis rather than applied stale.
 */

import type { CodeAction, CodeActionParams, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind } from './languageServer';
import type { EditorDocument } from './editorDocument';
import type { LineIndex } from '../engine/text';
import type { Finding } from '../engine/types';
import type { Workspace } from '../engine/workspace';
import { applyIgnoreObject, applyOps, fixAll, ignoreLineEdit, isSafeFix, minimalEdit, workspaceAnalyzer, type Edit } from '../fixes';
import { SOURCE, toDiagnostic, type DiagnosticData } from './diagnostics';

export const FIX_ALL_KIND = 'source.fixAll.daytwo';
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface CodeActionHost {
  /** The engine workspace holding `uri`, brought up to date with the document's current text. */
  workspaceFor(uri: string): Workspace | undefined;
  /** The open document, with its line index (kept up to date by the editor's changes). */
  document(uri: string): EditorDocument | undefined;
  log?(message: string): void;
}

interface FixAllData {
  daytwo: 'fixAll';
  uri: string;
  version: number;
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || !only.length) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function toTextEdit(lines: LineIndex, e: Edit): TextEdit {
  return { range: lines.rangeOf({ start: e.start, end: e.end }), newText: e.text };
}

function editFor(uri: string, oldText: string, newText: string, lines: LineIndex): WorkspaceEdit {
  return { changes: { [uri]: [toTextEdit(lines, minimalEdit(oldText, newText))] } };
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The current finding a diagnostic stands for (never a stale one): the finding at its exact range, or
 * else (the editor moved the range as the user typed) the one finding of its document with its rule
 * and message. When several match, none is taken: a fix applied to the wrong one would be worse than
 * none, and the next publish brings the diagnostic's current range.
 */
function findingFor(d: Diagnostic, findings: Finding[], lines: LineIndex): Finding | undefined {
  const data = d.data as DiagnosticData | undefined;
  const rule = String(d.code ?? '');
  const live = findings.filter((f) => f.rule === rule && !f.suppressed);
  const exact = live.find((f) => sameRange(lines.rangeOf(f.range), d.range));
  if (exact) return exact;
  if (!data) return undefined;
  const same = live.filter((f) => f.docIndex === data.docIndex && f.message === d.message);
  return same.length === 1 ? same[0] : undefined;
}

export function provideCodeActions(host: CodeActionHost, params: CodeActionParams, clientResolves: boolean): CodeAction[] {
  const uri = params.textDocument.uri;
  const doc = host.document(uri);
  const ws = host.workspaceFor(uri);
  // None of these should happen to a document the editor shows diagnostics for: say which did.
  if (!doc || !ws) {
    host.log?.(`daytwo: no code actions for ${uri}: ${doc ? 'the engine does not have it' : 'it is not open'}`);
    return [];
  }
  const text = doc.getText();
  const result = ws.analyze(uri);
  if (!result || ws.get(uri)?.text !== text) {
    host.log?.(`daytwo: no code actions for ${uri}: ${result ? "the engine's text is not the editor's" : 'it is not analysed'}`);
    return [];
  }
  const lines = doc.lines;
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    let ours = params.context.diagnostics.filter((d) => d.source === SOURCE && d.code !== undefined && d.code !== 'config');
    if (!params.context.diagnostics.length) {
      // Some clients send no context: offer the actions of the findings under the range.
      const start = lines.offsetAt(params.range.start);
      const end = lines.offsetAt(params.range.end);
      ours = result.findings
        .filter((f) => !f.suppressed && f.range.start <= end && f.range.end >= start)
        .map((f) => toDiagnostic(f, lines));
    }
    const fixes: CodeAction[] = [];
    const ignores: CodeAction[] = [];
    const late: CodeAction[] = [];
    const seen = new Set<string>();
    for (const d of ours) {
      const f = findingFor(d, result.findings, lines);
      if (!f) continue;
      if (f.fix && f.fix.ops.length) {
        const key = `fix|${f.docIndex}|${f.fix.title}|${JSON.stringify(f.fix.ops)}`;
        const existing = [...fixes, ...late].find((a) => (a as { _key?: string })._key === key);
        if (existing) existing.diagnostics!.push(d);
        else if (!seen.has(key)) {
          seen.add(key);
          try {
            const out = applyOps(text, f.docIndex, f.fix.ops);
            if (out !== text) {
              const a: CodeAction & { _key?: string } = { title: f.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: editFor(uri, text, out, lines) };
              a._key = key;
              // A fix that would leave its own finding in place goes after the ignore actions.
              if (removesFinding(ws, uri, doc, out, f)) {
                if (f.fix.preferred) a.isPreferred = true;
                fixes.push(a);
              } else {
                host.log?.(`daytwo: fix "${f.fix.title}" does not remove its ${f.rule} finding`);
                late.push(a);
              }
            }
          } catch (e) {
            host.log?.(`daytwo: fix "${f.fix.title}" does not apply: ${(e as Error).message}`);
          }
        }
      }
      const lineKey = `line|${f.rule}|${lines.positionAt(f.range.start).line}`;
      if (!seen.has(lineKey)) {
        seen.add(lineKey);
        try {
          const e = ignoreLineEdit(text, f.range.start, f.rule);
          ignores.push({ title: `Ignore ${f.rule} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: [toTextEdit(lines, e)] } } });
        } catch {
          // already ignored there
        }
      }
      if (f.object) {
        const objKey = `obj|${f.rule}|${f.docIndex}`;
        if (!seen.has(objKey)) {
          seen.add(objKey);
          try {
            const out = applyIgnoreObject(text, f.docIndex, f.rule);
            ignores.push({ title: `Ignore ${f.rule} for ${f.object.kind}/${f.object.name}`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: editFor(uri, text, out, lines) });
          } catch {
            // not an object with metadata we can annotate
          }
        }
      }
    }
    for (const a of [...fixes, ...late]) delete (a as { _key?: string })._key;
    actions.push(...fixes, ...ignores, ...late);
  }

  if (only?.length && wants(only, FIX_ALL_KIND) && result.findings.some(isSafeFix)) {
    const action: CodeAction = { title: 'Fix all auto-fixable Daytwo problems', kind: FIX_ALL_KIND };
    if (clientResolves) action.data = { daytwo: 'fixAll', uri, version: doc.version } satisfies FixAllData;
    else action.edit = fixAllEdit(host, uri) ?? { changes: {} };
    actions.push(action);
  }
  return actions;
}

/** Re-analyses the fixed text (then restores the workspace): is the finding gone? */
function removesFinding(ws: Workspace, uri: string, doc: EditorDocument, out: string, f: Finding): boolean {
  try {
    ws.update(uri, out, doc.version);
    const after = ws.analyze(uri)?.findings ?? [];
    return !after.some((g) => g.rule === f.rule && g.message === f.message && !g.suppressed);
  } finally {
    ws.update(uri, doc.getText(), doc.version, doc.lines);
  }
}

/** Fills in the edit of a lazily resolved action (fix-all). */
export function resolveCodeAction(host: CodeActionHost, action: CodeAction): CodeAction {
  const data = action.data as FixAllData | undefined;
  if (action.edit || data?.daytwo !== 'fixAll') return action;
  action.edit = fixAllEdit(host, data.uri) ?? { changes: {} };
  return action;
}

/** Every safe fix of the file in one edit, or undefined when there is nothing to fix. */
export function fixAllEdit(host: CodeActionHost, uri: string): WorkspaceEdit | undefined {
  const doc = host.document(uri);
  const ws = host.workspaceFor(uri);
  if (!doc || !ws) return undefined;
  const text = doc.getText();
  try {
    const res = fixAll(text, workspaceAnalyzer(ws, uri));
    if (res.text === text) return undefined;
    return editFor(uri, text, res.text, doc.lines);
  } finally {
    // The trial texts are gone: the workspace holds the editor's text again.
    ws.update(uri, text, doc.version, doc.lines);
  }
}
