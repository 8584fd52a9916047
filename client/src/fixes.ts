/**
 * Fix-all on the client: asks the server for its code actions (`source.fixAll.daytwo` for a whole
 * file, quick fixes for one workload's findings) through VS Code, then applies their edits.
 */

import * as vscode from 'vscode';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('daytwo');

function isDaytwoDiagnostic(d: vscode.Diagnostic): boolean {
  return d.source === 'daytwo';
}

export async function actionsFor(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  // The server resolves edits lazily (codeAction/resolve): ask VS Code to resolve them all.
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind, 50)) ?? [];
  return actions.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

async function applyAction(a: vscode.CodeAction): Promise<boolean> {
  let ok = true;
  if (a.edit) ok = await vscode.workspace.applyEdit(a.edit);
  if (ok && a.command) await vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
  return ok && !!(a.edit || a.command);
}

/** Applies the server's fix-all action to one file. Returns whether anything changed. */
export async function fixAllInDocument(doc: vscode.TextDocument): Promise<boolean> {
  const full = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = (await actionsFor(doc.uri, full, FIX_ALL_KIND.value)).filter((a) => !a.kind || FIX_ALL_KIND.contains(a.kind));
  if (!actions.length) return false;
  return applyAction(actions[0]);
}

/**
 * Applies one quick fix per fixable finding within `range` (one workload), preferring the preferred
 * action; edits computed on the same text that overlap an earlier one are left for a second pass.
 */
export async function fixFindingsInRange(uri: vscode.Uri, ranges: vscode.Range[]): Promise<number> {
  let applied = 0;
  for (let pass = 0; pass < 3; pass++) {
    const doc = await vscode.workspace.openTextDocument(uri);
    const version = doc.version;
    const diags = vscode.languages.getDiagnostics(uri).filter(isDaytwoDiagnostic).filter((d) => ranges.some((r) => r.intersection(d.range)));
    if (!diags.length) break;
    const merged = new vscode.WorkspaceEdit();
    const taken: vscode.Range[] = [];
    let count = 0;
    for (const d of diags) {
      const actions = (await actionsFor(uri, d.range, vscode.CodeActionKind.QuickFix.value)).filter(
        (a) => a.edit && (!a.diagnostics || a.diagnostics.some((x) => x.range.isEqual(d.range) && x.code?.toString() === d.code?.toString())),
      );
      const fix = actions.find((a) => a.isPreferred) ?? actions.find((a) => !/ignore|suppress|disable/i.test(a.title));
      if (!fix?.edit) continue;
      const edits = fix.edit.get(uri);
      if (!edits.length || edits.some((e) => taken.some((t) => t.intersection(e.range)))) continue;
      for (const e of edits) {
        merged.replace(uri, e.range, e.newText);
        taken.push(e.range);
      }
      count++;
    }
    if (!count || doc.version !== version) break;
    if (!(await vscode.workspace.applyEdit(merged))) break;
    applied += count;
    // Let the server re-publish before the next pass reads the diagnostics again.
    await waitForDiagnostics(uri, 3000);
  }
  return applied;
}

/** Resolves when diagnostics of `uri` next change (or after `timeoutMs`). */
export function waitForDiagnostics(uri: vscode.Uri, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve();
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}
