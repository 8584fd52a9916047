/**
 * Suppressions: a `# daytwo-ignore rule[, rule] -- reason` comment on the finding's line or the line
 * above, a `daytwo.dev/ignore: "rule,rule"` annotation on the object or its pod template, and
 * configuration exemptions. Suppressed findings are kept (marked) for JSON and SARIF.
 */

import type { Exemption } from './config';
import type { K8sObject } from './object';
import { stringMap, get } from './object';
import type { Chunk, LineIndex } from './text';
import { podTemplate } from './workload';

export const IGNORE_ANNOTATION = 'daytwo.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'daytwo.dev/ignore-reason';
export const IGNORE_COMMENT = 'daytwo-ignore';

const COMMENT_RE = /#\s*daytwo-ignore(?![-\w])\s*([^\r\n]*)/;

export interface CommentSuppression {
  rules: Set<string>;
  reason: string;
}

/** Parses the text after `daytwo-ignore`: rule ids separated by commas, then an optional `-- reason`. */
export function parseIgnoreComment(rest: string): CommentSuppression {
  const dash = rest.indexOf('--');
  const ids = (dash === -1 ? rest : rest.slice(0, dash)).split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
  const reason = dash === -1 ? '' : rest.slice(dash + 2).trim();
  return { rules: new Set(ids), reason };
}

/**
 * Line number -> suppression, for every `# daytwo-ignore` comment in the file, given as pieces that
 * start and end at line boundaries (its documents, or the whole text as one).
 */
export function commentSuppressions(pieces: readonly Chunk[], lines: LineIndex): Map<number, CommentSuppression> {
  const out = new Map<number, CommentSuppression>();
  for (const { start, text } of pieces) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(IGNORE_COMMENT, from);
      if (at === -1) break;
      from = at + IGNORE_COMMENT.length;
      const line = lines.positionAt(start + at).line;
      const m = COMMENT_RE.exec(text.slice(lines.lineStart(line) - start, lines.lineEnd(line) - start));
      if (m) out.set(line, parseIgnoreComment(m[1]));
    }
  }
  return out;
}

/** Rule ids listed in the object's (or its pod template's) ignore annotation. */
export function annotationSuppression(obj: K8sObject): CommentSuppression | undefined {
  const own = obj.annotations;
  const tmpl = stringMap(get(podTemplate(obj)?.metadata, ['annotations']));
  const lists = [own[IGNORE_ANNOTATION], obj.kind === 'Pod' ? undefined : tmpl[IGNORE_ANNOTATION]].filter((v): v is string => !!v);
  if (!lists.length) return undefined;
  const rules = new Set(lists.flatMap((l) => l.split(',').map((s) => s.trim()).filter(Boolean)));
  const reason = own[IGNORE_REASON_ANNOTATION] ?? tmpl[IGNORE_REASON_ANNOTATION] ?? `annotation ${IGNORE_ANNOTATION}`;
  return { rules, reason };
}

export function matchesExemption(e: Exemption, rule: string, obj: K8sObject | undefined): boolean {
  if (e.rule !== '*' && e.rule !== rule) return false;
  if (!obj) return !e.kind && !e.name && !e.namespace;
  if (e.kind && e.kind !== obj.kind) return false;
  if (e.namespace && e.namespace !== obj.effectiveNamespace) return false;
  if (e.name) {
    if (e.name.endsWith('*') ? !obj.name.startsWith(e.name.slice(0, -1)) : e.name !== obj.name) return false;
  }
  return true;
}

export function suppresses(s: CommentSuppression | undefined, rule: string): boolean {
  return !!s && (s.rules.has(rule) || s.rules.has('all') || s.rules.has('*'));
}
