/**
 * `daytwo scan --fix` and `--fix-dry-run`: applies every safe fix in place, like `eslint --fix`. Each
 * file's fixes are applied one at a time, re-parsing and re-running the rules after each; the file is
 * written only when the result parses and no new error-severity finding appeared. Line endings and a
 * BOM are kept (the engine edits text, it never re-serialises). Then the remaining findings are
 * reported as a normal scan.
 */

import * as fs from 'node:fs';
import type { Finding } from '../engine/types';
import { fixAll, parseErrorCount, unifiedDiff, workspaceAnalyzer, type AppliedFix } from '../fixes';
import type { FileFindings } from './report';
import { relativeName, scanFiles, type ScanInput, type ScanOutput } from './scan';

export interface FileChange {
  /** Absolute path. */
  file: string;
  /** As printed (relative to the root). */
  name: string;
  before: string;
  after: string;
  applied: AppliedFix[];
  written: boolean;
  error?: string;
}

export interface FixRun {
  output: ScanOutput;
  changes: FileChange[];
}

function errorCounts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (f.severity === 'error' && !f.suppressed) m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
  return m;
}

/** Fixes every file; in dry-run mode nothing is written but the report reflects the fixed text. */
export function fixFiles(input: ScanInput & { dryRun: boolean }): FixRun {
  const first = scanFiles(input);
  const ws = first.workspace;
  const changes: FileChange[] = [];
  for (const [file, uri] of first.uris) {
    const state = ws.get(uri);
    if (!state || state.skip || !state.docs.length) continue;
    const original = state.text;
    const before = ws.analyze(uri)?.findings ?? [];
    if (!before.some((f) => f.fix && !f.suppressed && f.fix.safe !== false)) continue;
    let res;
    try {
      res = fixAll(original, workspaceAnalyzer(ws, uri));
    } catch (e) {
      ws.update(uri, original);
      input.log?.(`daytwo: could not fix ${file}: ${(e as Error).message}`);
      continue;
    }
    if (res.text === original) {
      ws.update(uri, original);
      continue;
    }
    // The final gate: the fixed text parses and brings no new error-severity finding.
    const fixedRules = new Set(res.applied.map((a) => a.rule));
    const beforeErrors = errorCounts(before);
    const newError = [...errorCounts(res.findings)].some(([rule, n]) => !fixedRules.has(rule) && n > (beforeErrors.get(rule) ?? 0));
    if (newError || parseErrorCount(res.text) > parseErrorCount(original)) {
      ws.update(uri, original);
      input.log?.(`daytwo: not fixing ${file}: the result would not be valid`);
      continue;
    }
    const change: FileChange = { file, name: relativeName(input.root, file), before: original, after: res.text, applied: res.applied, written: false };
    if (!input.dryRun) {
      try {
        fs.writeFileSync(file, res.text, 'utf8');
        change.written = true;
      } catch (e) {
        change.error = (e as Error).message;
        ws.update(uri, original);
      }
    }
    changes.push(change);
  }
  // Report from the fixed texts: cross-resource findings of other files may have changed too.
  const results: FileFindings[] = [];
  for (const file of input.files) {
    const uri = first.uris.get(file);
    if (!uri) continue;
    const r = ws.analyze(uri);
    if (!r) continue;
    results.push({ file: relativeName(input.root, file), findings: r.findings.map((f) => ({ ...f, lspRange: r.lines.rangeOf(f.range) })) });
  }
  return { output: { ...first, results }, changes };
}

/** "deploy.yaml: fixed privileged-container, run-as-root (3 fixes)" lines. */
export function describeChanges(changes: FileChange[], dryRun: boolean): string {
  const lines: string[] = [];
  for (const c of changes) {
    const ids = [...new Set(c.applied.map((a) => a.rule))].join(', ');
    const n = c.applied.length;
    if (c.error) lines.push(`${c.name}: could not write: ${c.error}`);
    else lines.push(`${c.name}: ${dryRun ? 'would fix' : 'fixed'} ${ids} (${n} fix${n === 1 ? '' : 'es'})`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function diffChanges(changes: FileChange[]): string {
  return changes.map((c) => unifiedDiff(c.before, c.after, c.name)).join('');
}
