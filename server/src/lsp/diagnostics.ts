/** Engine findings to LSP diagnostics: code = rule id, source = daytwo, a doc link, and what identifies the finding. */

import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity, DiagnosticTag } from './languageServer';
import type { Finding } from '../engine/types';
import type { FileResult } from '../engine/workspace';
import type { LineIndex } from '../engine/text';
import { ruleDocUrl } from '../rules/registry';

export const SOURCE = 'daytwo';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/**
 * What identifies a diagnostic's finding when its range no longer matches (the editor shifts ranges
 * as the user types): the rule is the diagnostic's code, the rest is here. The fix itself stays in the
 * engine's cached finding, which the code action takes without re-analysing; carrying the fix's
 * operations made every keystroke in a file with 800 findings publish 70% more bytes.
 */
export interface DiagnosticData {
  docIndex: number;
}

const UNNECESSARY = new Set(['volume-unused']);

/** One link object per rule, shared by all its diagnostics (a large file publishes hundreds on every keystroke). */
const docLinks = new Map<string, { href: string }>();
function docLink(rule: string): { href: string } {
  let link = docLinks.get(rule);
  if (!link) docLinks.set(rule, (link = Object.freeze({ href: ruleDocUrl(rule) })));
  return link;
}

const UNNECESSARY_TAGS = Object.freeze([DiagnosticTag.Unnecessary]);

export function toDiagnostic(f: Finding, lines: LineIndex): Diagnostic {
  const d: Diagnostic = {
    range: lines.rangeOf(f.range),
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: docLink(f.rule),
    source: SOURCE,
    message: f.message,
    data: { docIndex: f.docIndex } satisfies DiagnosticData,
  };
  if (UNNECESSARY.has(f.rule)) d.tags = UNNECESSARY_TAGS as Diagnostic['tags'];
  return d;
}

/**
 * A diagnostic to keep: frozen, all of it (the doc link and the tags are frozen already). The memo
 * gives it again in later publishes and the stdio writer keeps its bytes, so it must never change.
 */
function kept(d: Diagnostic): Diagnostic {
  Object.freeze(d.range.start);
  Object.freeze(d.range.end);
  Object.freeze(d.range);
  Object.freeze(d.data);
  return Object.freeze(d);
}

/** Whether `d` is what `toDiagnostic(f, lines)` would make now. */
function stillShows(d: Diagnostic, f: Finding, lines: LineIndex): boolean {
  return (
    d.code === f.rule &&
    d.severity === SEVERITY[f.severity] &&
    d.message === f.message &&
    (d.data as DiagnosticData).docIndex === f.docIndex &&
    lines.isAt(f.range.start, d.range.start) &&
    lines.isAt(f.range.end, d.range.end)
  );
}

/**
 * The diagnostics of each open file, remembered from one publish to the next. A keystroke in a
 * 10,000-line file changes one document's findings and moves the later ones' offsets, but not their
 * lines and columns: ~840 diagnostics stay what they were. Giving the same (frozen) objects again
 * saves making them, and lets the stdio writer copy their bytes instead of serialising them (together
 * ~1.5 ms of each keystroke's ~5 ms in the server). Remembered by message, which nearly every finding
 * has to itself, and each checked against the finding whole before it is given again.
 */
export class DiagnosticMemo {
  private readonly files = new Map<string, Map<string, Diagnostic>>();

  /** The unsuppressed findings of `result` as diagnostics; `remember` for an open file. */
  shown(result: FileResult, remember: boolean): Diagnostic[] {
    const last = remember ? this.files.get(result.uri) : undefined;
    const next = remember ? new Map<string, Diagnostic>() : undefined;
    const out: Diagnostic[] = [];
    for (const f of result.findings) {
      if (f.suppressed) continue;
      const known = last?.get(f.message);
      // A closed file's diagnostics are not kept: not here, and (not frozen) not by the writer either.
      const d = known && stillShows(known, f, result.lines) ? known : next ? kept(toDiagnostic(f, result.lines)) : toDiagnostic(f, result.lines);
      next?.set(f.message, d);
      out.push(d);
    }
    if (next) this.files.set(result.uri, next);
    else this.files.delete(result.uri);
    return out;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }
}
