/** Engine findings to LSP diagnostics: code = rule id, source = daytwo, fix data attached. */

import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix, ObjectRef } from '../engine/types';
import type { LineIndex } from '../engine/text';
import { ruleDocUrl } from '../rules/registry';

export const SOURCE = 'daytwo';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** What code actions need, carried on the diagnostic so they need no re-analysis. */
export interface DiagnosticData {
  rule: string;
  docIndex: number;
  object?: ObjectRef;
  fix?: Fix;
  /** Document version the fix was computed against. */
  version: number;
}

const UNNECESSARY = new Set(['volume-unused']);

export function toDiagnostic(f: Finding, lines: LineIndex, version: number): Diagnostic {
  const data: DiagnosticData = { rule: f.rule, docIndex: f.docIndex, object: f.object, fix: f.fix, version };
  const d: Diagnostic = {
    range: lines.rangeOf(f.range),
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocUrl(f.rule) },
    source: SOURCE,
    message: f.message,
    data,
  };
  if (UNNECESSARY.has(f.rule)) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}
