/** Test helpers: lint YAML text (one file or a small workspace) through the real engine. */

import { mergeConfig, type ConfigLayer } from '../server/src/engine/config';
import { Workspace } from '../server/src/engine/workspace';
import { LineIndex } from '../server/src/engine/text';
import type { Finding, Range } from '../server/src/engine/types';
import { RULES } from '../server/src/rules/registry';

export interface TestFinding extends Finding {
  file: string;
  /** Zero-based LSP range. */
  lsp: Range;
  /** The exact text the finding underlines. */
  text: string;
  /** One-based line, for readable assertions. */
  line: number;
}

export interface LintOptions {
  /** Other files of the workspace (name -> text), for cross-resource rules. */
  files?: Record<string, string>;
  config?: ConfigLayer;
  /** Include suppressed findings. */
  withSuppressed?: boolean;
  /** Root directory used for file URIs (default /ws). */
  root?: string;
}

export function lintWorkspace(files: Record<string, string>, opts: Omit<LintOptions, 'files'> = {}): TestFinding[] {
  const root = opts.root ?? '/ws';
  const ws = new Workspace({ rules: RULES, config: mergeConfig(opts.config), root });
  const uris = Object.keys(files).map((name) => [name, `file://${root}/${name}`] as const);
  // Kustomizations first, as the CLI and server do.
  uris.sort((a, b) => Number(/kustomization\.ya?ml$/.test(b[0])) - Number(/kustomization\.ya?ml$/.test(a[0])));
  for (const [name, uri] of uris) ws.update(uri, files[name]);
  const out: TestFinding[] = [];
  for (const [name, uri] of uris) {
    const res = ws.analyze(uri)!;
    const lines = new LineIndex(files[name]);
    for (const f of res.findings) {
      if (f.suppressed && !opts.withSuppressed) continue;
      const lsp = lines.rangeOf(f.range);
      out.push({ ...f, file: name, lsp, text: files[name].slice(f.range.start, f.range.end), line: lsp.start.line + 1 });
    }
  }
  return out;
}

/** Lints one manifest (plus optional other workspace files). */
export function lint(text: string, opts: LintOptions = {}): TestFinding[] {
  return lintWorkspace({ 'test.yaml': text, ...(opts.files ?? {}) }, opts).filter((f) => f.file === 'test.yaml');
}

/** Findings of one rule only. */
export function lintRule(rule: string, text: string, opts: LintOptions = {}): TestFinding[] {
  return lint(text, opts).filter((f) => f.rule === rule);
}

/** Strips a common indentation so manifests can be written indented inside tests. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((s, str, i) => s + str + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n').replace(/\s+$/, '') + '\n';
}
