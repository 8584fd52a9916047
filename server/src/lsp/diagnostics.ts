/** Engine findings to LSP diagnostics: code = rule id, source = daytwo, a doc link, and what identifies the finding. */

import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity, DiagnosticTag } from './languageServer';
import type { Finding } from '../engine/types';
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
  /** Document version the finding was computed against. */
  version: number;
}

const UNNECESSARY = new Set(['volume-unused']);

/** One link object per rule, shared by all its diagnostics (a large file publishes hundreds on every keystroke). */
const docLinks = new Map<string, { href: string }>();
function docLink(rule: string): { href: string } {
  let link = docLinks.get(rule);
  if (!link) docLinks.set(rule, (link = { href: ruleDocUrl(rule) }));
  return link;
}

export function toDiagnostic(f: Finding, lines: LineIndex, version: number): Diagnostic {
  const d: Diagnostic = {
    range: lines.rangeOf(f.range),
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: docLink(f.rule),
    source: SOURCE,
    message: f.message,
    data: { docIndex: f.docIndex, version } satisfies DiagnosticData,
  };
  if (UNNECESSARY.has(f.rule)) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}
