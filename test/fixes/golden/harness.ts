/**
 * Golden quick-fix tests: a manifest, the fix of one finding, and the exact text a careful engineer would
 * have typed by hand. Each golden file exports its cases (`GOLDENS`) and the layouts that cannot apply to a
 * rule (`NOT_APPLICABLE`, with the reason), and runs them only when it is the test file being run, so the
 * coverage test can load every golden file and check that each fixable rule of the registry has goldens in
 * every layout.
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lint, type LintOptions, type TestFinding } from '../../helpers';
import { applyOps, parseErrorCount } from '../../../server/src/fixes';

/** The layouts every fixable rule needs a golden in. */
export const LAYOUTS = ['block', 'flow', 'comments', 'indent4', 'crlf'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface Golden {
  rule: string;
  /** What the case shows, for the test name. */
  name: string;
  /** The layouts this case exercises (a case may cover several: 4 spaces with comments...). */
  layouts: Layout[];
  input: string;
  /** The exact text after applying the fix. */
  expected: string;
  /** Which finding of `rule` to fix (default: the first that has a fix). */
  pick?: (f: TestFinding) => boolean;
  /** Rules that gain a finding through the fix, named on purpose (with the reason in the case name). */
  newFindings?: string[];
  /** Rules of which one more finding disappears with the fix (besides the fixed one). */
  alsoGone?: string[];
  /** Other workspace files and config, for cross-resource rules. */
  opts?: LintOptions;
}

export interface NotApplicable {
  rule: string;
  layout: Layout;
  reason: string;
}

export const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

/** The same case with CRLF line endings: same edit, every line ending CRLF, inserted lines included. */
export function asCrlf(g: Golden, name = `${g.name} (CRLF)`): Golden {
  return { ...g, name, layouts: ['crlf'], input: crlf(g.input), expected: crlf(g.expected) };
}

const key = (f: TestFinding): string => `${f.rule}: ${f.message}`;

/** Multiset difference a - b. */
function minus(a: string[], b: string[]): string[] {
  const rest = [...b];
  const out: string[] = [];
  for (const x of a) {
    const i = rest.indexOf(x);
    if (i >= 0) rest.splice(i, 1);
    else out.push(x);
  }
  return out;
}

/** Applies the picked fix to `g.input` and returns the result after checking the invariants. */
export function applyGolden(g: Golden): string {
  assert.equal(parseErrorCount(g.input), 0, 'the input parses');
  const before = lint(g.input, g.opts);
  const f = before.find((x) => x.rule === g.rule && x.fix && (!g.pick || g.pick(x)));
  assert.ok(f, `${g.rule} fires with a fix on the input (findings: ${before.map(key).join(' | ')})`);
  const out = applyOps(g.input, f.docIndex, f.fix!.ops);
  assert.equal(parseErrorCount(out), 0, `the result parses:\n${out}`);
  const after = lint(out, g.opts);
  const removed = minus(before.map(key), after.map(key));
  const added = minus(after.map(key), before.map(key));
  // The fixed finding is gone, and only it (and any named other finding).
  assert.ok(removed.includes(key(f)), `the fixed finding is gone: ${key(f)}`);
  assert.deepEqual(
    removed.map((k) => k.slice(0, k.indexOf(':'))).sort(),
    [g.rule, ...(g.alsoGone ?? [])].sort(),
    `findings removed by the fix: ${removed.join(' | ')}`,
  );
  assert.deepEqual(
    added.map((k) => k.slice(0, k.indexOf(':'))).sort(),
    [...(g.newFindings ?? [])].sort(),
    `findings added by the fix: ${added.join(' | ')}`,
  );
  return out;
}

/** Registers one node test per case. */
export function runGoldens(cases: readonly Golden[]): void {
  for (const g of cases) {
    test(`${g.rule}: ${g.name} [${g.layouts.join(', ')}]`, () => {
      assert.equal(applyGolden(g), g.expected);
    });
  }
}
