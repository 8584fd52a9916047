/**
 * The two ignore actions every finding offers: a `# daytwo-ignore <rule> -- reason` comment above the
 * finding's line, and the `daytwo.dev/ignore` annotation on the object (see engine/suppress.ts for
 * what the engine honours).
 */

import { IGNORE_ANNOTATION } from '../engine/suppress';
import { LineIndex } from '../engine/text';
import type { FixOp } from '../engine/types';
import { applyOps, detectEol, documentsOf, FixError, type Edit } from './apply';
import { Quoted } from './render';
import type { Node } from 'yaml';
import { isMap, isScalar } from '../engine/yamlLibrary';

export const REASON_PLACEHOLDER = 'reason';
const COMMENT_RE = /#\s*daytwo-ignore(?![-\w])([^\r\n]*)/;

/** Adds `rule` to an existing ignore comment on `line`, if there is one. */
function extendComment(text: string, lines: LineIndex, line: number, rule: string): Edit | undefined | 'present' {
  if (line < 0) return undefined;
  const lineText = lines.lineText(line);
  const m = COMMENT_RE.exec(lineText);
  if (!m) return undefined;
  const rest = m[1];
  const dash = rest.indexOf('--');
  const idsPart = dash === -1 ? rest : rest.slice(0, dash);
  const ids = idsPart.split(/[,\s]+/).filter(Boolean);
  if (ids.includes(rule)) return 'present';
  const restStart = lines.lineStart(line) + m.index + m[0].length - rest.length;
  const at = restStart + idsPart.trimEnd().length;
  return { start: at, end: at, text: ids.length ? `, ${rule}` : ` ${rule}` };
}

/** The edit for "Ignore <rule> for this line": the finding starts at `offset`. */
export function ignoreLineEdit(text: string, offset: number, rule: string): Edit {
  const lines = new LineIndex(text);
  const line = lines.positionAt(offset).line;
  const lineText = lines.lineText(line);
  // An ignore comment above (a whole-line comment) or on the line itself is extended.
  const above = line > 0 && /^\s*#/.test(lines.lineText(line - 1)) ? extendComment(text, lines, line - 1, rule) : undefined;
  const here = above ? undefined : extendComment(text, lines, line, rule);
  const existing = above ?? here;
  if (existing === 'present') throw new FixError(`${rule} is already ignored on this line`);
  if (existing) return existing;
  let start = lines.lineStart(line);
  if (start === 0 && text.charCodeAt(0) === 0xfeff) start = 1;
  const indent = /^[\ufeff]?([ \t]*)/.exec(lineText)![1];
  return { start, end: start, text: `${indent}# daytwo-ignore ${rule} -- ${REASON_PLACEHOLDER}${detectEol(text)}` };
}

/** Ops for "Ignore <rule> for <kind>/<name>": add the rule to the object's ignore annotation. */
export function ignoreObjectOps(text: string, docIndex: number, rule: string): FixOp[] {
  const slice = documentsOf(text)[docIndex];
  const root = slice?.doc?.contents;
  if (!isMap(root)) throw new FixError('the document is not a mapping');
  const path = ['metadata', 'annotations', IGNORE_ANNOTATION];
  const node = slice.doc!.getIn(path, true) as Node | undefined;
  if (node !== undefined) {
    if (!isScalar(node) || typeof node.value !== 'string') throw new FixError('the ignore annotation is not a string');
    const ids = node.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.includes(rule)) throw new FixError(`${rule} is already ignored`);
    return [{ op: 'set', path, value: [...ids, rule].join(',') }];
  }
  return [{ op: 'set', path, value: new Quoted(rule) }];
}

/** The new text after the ignore-object action. */
export function applyIgnoreObject(text: string, docIndex: number, rule: string): string {
  return applyOps(text, docIndex, ignoreObjectOps(text, docIndex, rule));
}
