/**
 * Fix-all: applies every safe fix of a file, one at a time per document, re-parsing and re-analysing
 * after each round, until no safe fix remains or a bound is hit. Overlapping fixes are never merged:
 * the next fix is always computed on the text the previous one produced. A fix whose result does not
 * parse, or that brings a new error-severity finding, is skipped.
 */

import type { Finding } from '../engine/types';
import { applyOps, FixError, parseErrorCount } from './apply';

export interface AppliedFix {
  rule: string;
  title: string;
  docIndex: number;
}

export interface FixAllResult {
  text: string;
  applied: AppliedFix[];
  /** Fixes that could not be applied, with why. */
  skipped: { rule: string; title: string; reason: string }[];
  /** Findings of the final text. */
  findings: Finding[];
}

export interface FixAllOptions {
  /** Upper bound on analysis rounds. */
  maxRounds?: number;
  /** Only these rules (default: all). */
  rules?: ReadonlySet<string>;
}

export function fixKey(f: Finding): string {
  return `${f.rule}|${f.docIndex}|${f.fix?.title}|${JSON.stringify(f.fix?.ops)}`;
}

export function isSafeFix(f: Finding): boolean {
  return !!f.fix && f.fix.ops.length > 0 && f.fix.safe !== false && !f.suppressed;
}

function errorCounts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (f.severity === 'error' && !f.suppressed) m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
  return m;
}

/** True when `after` has more error findings than `before` for some rule not in `fixed`. */
function newErrors(before: Finding[], after: Finding[], fixed: Set<string>): boolean {
  const b = errorCounts(before);
  for (const [rule, n] of errorCounts(after)) if (!fixed.has(rule) && n > (b.get(rule) ?? 0)) return true;
  return false;
}

/** `analyze(text)` returns the findings of the file holding `text` (the caller owns the workspace). */
export function fixAll(text: string, analyze: (text: string) => Finding[], opts: FixAllOptions = {}): FixAllResult {
  const maxRounds = opts.maxRounds ?? 200;
  let cur = text;
  let findings = analyze(cur);
  let analyzed = cur;
  let curErrors = parseErrorCount(cur);
  const tried = new Set<string>();
  const applied: AppliedFix[] = [];
  const skipped: FixAllResult['skipped'] = [];
  let single = false;
  for (let round = 0; round < maxRounds; round++) {
    const cands = findings.filter((f) => isSafeFix(f) && !tried.has(fixKey(f)) && (!opts.rules || opts.rules.has(f.rule)));
    if (!cands.length) break;
    // One fix per document per round (documents are independent), last document first.
    const perDoc = new Map<number, Finding>();
    for (const f of cands) if (!perDoc.has(f.docIndex)) perDoc.set(f.docIndex, f);
    let picks = [...perDoc.values()].sort((a, b) => b.docIndex - a.docIndex);
    if (single) picks = picks.slice(0, 1);
    let next = cur;
    const done: Finding[] = [];
    for (const f of picks) {
      try {
        const out = applyOps(next, f.docIndex, f.fix!.ops);
        if (out === next) throw new FixError('the fix changes nothing');
        next = out;
        done.push(f);
      } catch (e) {
        tried.add(fixKey(f));
        skipped.push({ rule: f.rule, title: f.fix!.title, reason: (e as Error).message });
      }
    }
    if (!done.length) continue;
    const nextErrors = parseErrorCount(next);
    let nf: Finding[] | undefined;
    if (nextErrors <= curErrors) {
      nf = analyze(next);
      analyzed = next;
    }
    if (!nf || newErrors(findings, nf, new Set(done.map((f) => f.rule)))) {
      if (done.length > 1) {
        single = true; // retry one at a time to find the culprit
        continue;
      }
      tried.add(fixKey(done[0]));
      skipped.push({ rule: done[0].rule, title: done[0].fix!.title, reason: nf ? 'it would add a new error' : 'the result would not parse' });
      continue;
    }
    cur = next;
    curErrors = nextErrors;
    findings = nf;
    for (const f of done) {
      applied.push({ rule: f.rule, title: f.fix!.title, docIndex: f.docIndex });
      // A fix that did not make its finding go away is not tried again (no loops).
      const k = fixKey(f);
      if (nf.some((g) => fixKey(g) === k)) tried.add(k);
    }
  }
  if (analyzed !== cur) findings = analyze(cur);
  return { text: cur, applied, skipped, findings };
}
