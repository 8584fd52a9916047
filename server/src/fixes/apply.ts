/**
 * The fix engine: turns structural fix ops (set/remove/rename/append/move on a document path) into
 * minimal text edits on the file. It never re-serialises a document: it reads node offsets from the
 * `yaml` AST and splices text, so comments, blank lines, key order, quoting, indentation (2 or 4
 * spaces, flush or indented sequences), CRLF line endings and a BOM stay as they were. Each op is
 * applied to the text and the document re-parsed before the next, so ops compose safely.
 */

import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from '../engine/yamlLibrary';
import { DEFAULT_LIMITS } from '../engine/limits';
import { parseChunk } from '../engine/parse';
import { splitDocuments } from '../engine/text';
import type { FixOp, Path } from '../engine/types';
import { Raw, isStructured, renderAfterKey, renderFlow, renderKey, renderPair, renderScalar, renderSeqItem, type Layout } from './render';

export class FixError extends Error {}

export interface DocSlice {
  /** Offset of the document's chunk in the file. */
  start: number;
  doc: Document.Parsed | undefined;
  errors: number;
}

/** The file's documents, numbered exactly as the engine numbers them (`Finding.docIndex`). */
export function documentsOf(text: string): DocSlice[] {
  const out: DocSlice[] = [];
  for (const chunk of splitDocuments(text)) {
    for (const p of parseChunk(chunk.text, DEFAULT_LIMITS, 'full')) out.push({ start: chunk.start, doc: p.doc, errors: p.errors.length + (p.unanalysable ? 1 : 0) });
  }
  return out;
}

/** Total parse problems in a text: a fix must never raise it. */
export function parseErrorCount(text: string): number {
  return documentsOf(text).reduce((n, d) => n + d.errors, 0);
}

export function detectEol(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

type Coll = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

interface Step {
  coll: Coll;
  pair?: Pair<unknown, unknown>;
  index?: number;
}

interface Resolved {
  steps: Step[];
  /** The value at the deepest resolved segment (the document root when nothing resolved). */
  node: unknown;
  depth: number;
}

function keyOf(p: Pair<unknown, unknown>): unknown {
  return isScalar(p.key) ? p.key.value : p.key;
}

function keyMatches(p: Pair<unknown, unknown>, seg: string | number): boolean {
  const k = keyOf(p);
  return k === seg || (k !== null && k !== undefined && typeof k !== 'object' && String(k) === String(seg));
}

function isEmptyNull(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && n.value === null);
}

/** Edits one document of a file; every offset it returns is absolute in the file. */
class DocEditor {
  readonly doc: Document.Parsed;
  readonly base: number;
  readonly layout: Layout;
  private readonly bom: boolean;

  constructor(
    readonly text: string,
    slice: DocSlice,
  ) {
    if (!slice.doc) throw new FixError('the document could not be parsed');
    if (slice.errors) throw new FixError('the document has syntax errors');
    this.doc = slice.doc;
    this.base = slice.start;
    this.bom = text.charCodeAt(0) === 0xfeff;
    this.layout = this.detectLayout();
  }

  // --- text helpers -------------------------------------------------------------------------

  lineStart(off: number): number {
    return this.text.lastIndexOf('\n', off - 1) + 1;
  }
  /** End of the line's content (before CR LF). */
  lineEnd(off: number): number {
    let e = this.text.indexOf('\n', off);
    if (e === -1) e = this.text.length;
    if (e > 0 && this.text[e - 1] === '\r') e--;
    return e;
  }
  /** Start of the next line, or the end of the text when this is the last line. */
  nextLineStart(off: number): number {
    const e = this.text.indexOf('\n', off);
    return e === -1 ? this.text.length : e + 1;
  }
  col(off: number): number {
    const ls = this.lineStart(off);
    return off - ls - (ls === 0 && this.bom ? 1 : 0);
  }
  onlySpaceBefore(off: number): boolean {
    const ls = this.lineStart(off) + (this.lineStart(off) === 0 && this.bom ? 1 : 0);
    return /^[ \t]*$/.test(this.text.slice(ls, off));
  }
  start(n: unknown): number {
    const r = (n as Node).range;
    if (!r) throw new FixError('node without position');
    return this.base + r[0];
  }

  /** Last offset of a node's own content (comments on that line follow it). */
  contentEnd(n: unknown): number {
    if (isMap(n) || isSeq(n)) {
      if (n.flow || !n.items.length) return this.base + n.range![1];
      const last = n.items[n.items.length - 1];
      if (isPair(last)) return this.pairEnd(last);
      return this.contentEnd(last);
    }
    const r = (n as Node | null)?.range;
    if (!r) throw new FixError('node without position');
    let e = this.base + r[1];
    while (e > this.base + r[0] && /\s/.test(this.text[e - 1])) e--;
    return e;
  }

  pairEnd(p: Pair<unknown, unknown>): number {
    const v = p.value;
    if (!hasSource(v)) return this.colonEnd(p);
    return this.contentEnd(v);
  }

  /** Offset just after the `:` that follows the pair's key. */
  colonEnd(p: Pair<unknown, unknown>): number {
    const k = p.key as Node;
    if (!k?.range) throw new FixError('key without position');
    let i = this.base + k.range[1];
    while (i < this.text.length && this.text[i] !== ':') {
      if (!/[ \t]/.test(this.text[i])) throw new FixError('unexpected text after key');
      i++;
    }
    if (this.text[i] !== ':') throw new FixError('no colon after key');
    return i + 1;
  }

  // --- layout -------------------------------------------------------------------------------

  private detectLayout(): Layout {
    const units = new Map<number, number>();
    let flush = 0;
    let indented = 0;
    const stack: unknown[] = [this.doc.contents];
    let budget = 5000;
    while (stack.length && budget-- > 0) {
      const n = stack.pop();
      if (isMap(n) && !n.flow) {
        for (const p of n.items) {
          if (!isPair(p) || !(p.key as Node)?.range) continue;
          const kc = this.col(this.start(p.key));
          const v = p.value;
          if (isMap(v) && !v.flow && v.items.length && isPair(v.items[0]) && (v.items[0].key as Node)?.range) {
            const d = this.col(this.start(v.items[0].key)) - kc;
            if (d > 0 && d <= 8) units.set(d, (units.get(d) ?? 0) + 1);
          } else if (isSeq(v) && !v.flow && v.items.length && v.range) {
            const d = this.col(this.start(v)) - kc;
            if (d === 0) flush++;
            else if (d > 0) indented++;
          }
          stack.push(v);
        }
      } else if (isSeq(n) && !n.flow) {
        for (const it of n.items) stack.push(it);
      }
    }
    let unit = 2;
    let best = 0;
    for (const [u, c] of units) if (c > best || (c === best && u < unit)) [unit, best] = [u, c];
    return { eol: detectEol(this.text), unit, flushSeq: flush > indented };
  }

  // --- resolving ----------------------------------------------------------------------------

  resolve(path: Path): Resolved {
    const steps: Step[] = [];
    let node: unknown = this.doc.contents;
    let depth = 0;
    for (const seg of path) {
      if (isAlias(node)) throw new FixError('the path goes through an alias');
      if (isMap(node)) {
        const p = node.items.find((x) => isPair(x) && keyMatches(x, seg)) as Pair<unknown, unknown> | undefined;
        if (!p) break;
        steps.push({ coll: node, pair: p });
        node = p.value;
      } else if (isSeq(node) && typeof seg === 'number' && seg >= 0 && seg < node.items.length) {
        steps.push({ coll: node, index: seg });
        node = node.items[seg];
      } else break;
      depth++;
    }
    return { steps, node, depth };
  }

  // --- ops ----------------------------------------------------------------------------------

  /** Returns the edit (absolute offsets) that performs one op. */
  edit(op: FixOp): Edit {
    switch (op.op) {
      case 'set':
        return this.set(op.path, op.value);
      case 'remove':
        return this.remove(op.path, !!op.pruneEmpty);
      case 'rename':
        return this.rename(op.path, op.to);
      case 'append':
        return this.append(op.path, op.value);
      default:
        throw new FixError(`op ${(op as FixOp).op} is applied in steps`);
    }
  }

  set(path: Path, value: unknown): Edit {
    const r = this.resolve(path);
    if (r.depth === path.length) return this.replaceValue(r, path, value);
    const rest = path.slice(r.depth);
    const nested = buildNested(rest.slice(1), value);
    const key = rest[0];
    const node = r.node;
    if (isAlias(node)) throw new FixError('the path goes through an alias');
    if (isMap(node)) {
      if (typeof key === 'number') throw new FixError('index into a mapping');
      return this.insertKey(node, path.slice(0, r.depth), key, nested);
    }
    if (isSeq(node)) {
      if (typeof key !== 'number' || key !== node.items.length) throw new FixError('index beyond the end of a sequence');
      return this.appendItem(node, nested);
    }
    if (isEmptyNull(node) && r.depth > 0) {
      const whole = typeof key === 'number' ? (key === 0 ? [nested] : undefined) : { [key]: nested };
      if (!whole) throw new FixError('index beyond the end of a sequence');
      return this.replaceValue(r, path.slice(0, r.depth), whole);
    }
    throw new FixError(`cannot create ${path.join('.')}: ${path.slice(0, r.depth).join('.') || 'the document'} is not a mapping`);
  }

  /** Replaces the value at a fully resolved path. */
  private replaceValue(r: Resolved, _path: Path, value: unknown): Edit {
    const last = r.steps[r.steps.length - 1];
    if (!last) throw new FixError('cannot replace the whole document');
    const existing = r.node;
    const flowParent = !!last.coll.flow;
    const present = hasSource(existing);
    if (isAlias(existing)) throw new FixError('the value is an alias');
    if (!isStructured(value)) {
      const style = isScalar(existing) && typeof value === 'string' ? (existing.type as string | undefined) : undefined;
      const text = renderScalar(value, style, flowParent);
      if (present && (isScalar(existing) || flowParent || (existing as Coll).flow)) {
        return { start: this.start(existing), end: this.contentEnd(existing), text };
      }
      if (last.pair) {
        const from = this.colonEnd(last.pair);
        return { start: from, end: present ? this.pairEnd(last.pair) : from, text: ' ' + text };
      }
      throw new FixError('cannot place a value here');
    }
    if (flowParent || ((isMap(existing) || isSeq(existing)) && existing.flow)) {
      if (present) return { start: this.start(existing), end: this.contentEnd(existing), text: renderFlow(value) };
      if (last.pair) {
        const from = this.colonEnd(last.pair);
        return { start: from, end: from, text: ' ' + renderFlow(value) };
      }
      throw new FixError('cannot place a value here');
    }
    if (last.pair) {
      const kc = this.col(this.start(last.pair.key));
      const from = this.colonEnd(last.pair);
      if (!present) {
        // `key:` with nothing after it (maybe a comment): the block goes on the next lines.
        const at = this.lineEnd(from);
        return { start: at, end: at, text: renderAfterKey(value, kc, this.layout) };
      }
      return { start: from, end: this.pairEnd(last.pair), text: renderAfterKey(value, kc, this.layout) };
    }
    // A sequence item.
    if (!present) throw new FixError('cannot place a value here');
    const dash = this.dashBefore(this.start(existing));
    const dc = this.col(dash);
    const rendered = renderSeqItem(value, dc, this.layout).slice(dc + 2);
    return { start: this.start(existing), end: this.contentEnd(existing), text: rendered };
  }

  private dashBefore(off: number): number {
    let i = off - 1;
    while (i >= 0 && /[ \t]/.test(this.text[i])) i--;
    if (this.text[i] !== '-') throw new FixError('sequence item without a dash');
    return i;
  }

  /** Adds `key: value` to an existing mapping, at the conventional place or at its end. */
  insertKey(map: YAMLMap<unknown, unknown>, mapPath: Path, key: string, value: unknown): Edit {
    const pairs = map.items.filter(isPair) as Pair<unknown, unknown>[];
    if (map.flow) {
      const text = `${renderKey(key)}: ${renderFlow(value)}`;
      // At the conventional place too: before the first key that conventionally follows it.
      const place = placement(mapPath, key, pairs.map((p) => String(keyOf(p))));
      const idx = place.before ?? (place.after !== undefined && place.after < pairs.length - 1 ? place.after + 1 : undefined);
      const next = idx === undefined ? undefined : (pairs[idx].key as Node | null);
      if (!next?.range) return this.insertIntoFlow(map, text, '}');
      const ks = this.start(next);
      // A flow mapping written one key per line gets a line of its own.
      if (this.onlySpaceBefore(ks)) return { start: ks, end: ks, text: `${text},${this.layout.eol}${' '.repeat(this.col(ks))}` };
      return { start: ks, end: ks, text: `${text}, ` };
    }
    if (!pairs.length) throw new FixError('empty block mapping');
    const kc = this.col(this.start(pairs[0].key));
    const rendered = renderPair(key, value, kc, this.layout);
    const place = placement(mapPath, key, pairs.map((p) => String(keyOf(p))));
    if (place.before !== undefined) {
      const next = pairs[place.before];
      const ks = this.start(next.key);
      if (!this.onlySpaceBefore(ks)) {
        // The first key of a sequence item (`- name: x`): take its place after the dash.
        return { start: ks, end: ks, text: rendered.slice(kc) + this.layout.eol + ' '.repeat(kc) };
      }
      let at = this.lineStart(ks);
      // Comment lines directly above a key belong to it.
      while (at > this.base) {
        const prevStart = this.lineStart(at - 1);
        const line = this.text.slice(prevStart, this.lineEnd(prevStart));
        if (/^\s*#/.test(line) && this.col(prevStart + line.search(/#/)) === kc) at = prevStart;
        else break;
      }
      return { start: at, end: at, text: rendered + this.layout.eol };
    }
    const after = pairs[place.after ?? pairs.length - 1];
    return this.insertLinesAfter(this.pairEnd(after), rendered);
  }

  /** Inserts whole lines after the line holding `off`. */
  private insertLinesAfter(off: number, lines: string): Edit {
    const at = this.nextLineStart(off);
    if (at === this.text.length && !this.text.endsWith('\n')) return { start: at, end: at, text: this.layout.eol + lines };
    return { start: at, end: at, text: lines + this.layout.eol };
  }

  private insertIntoFlow(coll: Coll, itemText: string, close: '}' | ']'): Edit {
    let end = this.base + coll.range![1] - 1;
    while (end > 0 && this.text[end] !== close) end--;
    let i = end;
    while (i > 0 && /\s/.test(this.text[i - 1])) i--;
    const prev = this.text[i - 1];
    if (!coll.items.length || prev === '{' || prev === '[') return { start: i, end: i, text: itemText };
    if (prev === ',') return { start: i, end: i, text: ' ' + itemText };
    return { start: i, end: i, text: ', ' + itemText };
  }

  appendItem(seq: YAMLSeq<unknown>, value: unknown): Edit {
    if (seq.flow || !seq.items.length) return this.insertIntoFlow(seq, renderFlow(value), ']');
    const first = seq.items[0];
    const dash = this.dashBefore(this.start(first));
    const last = seq.items[seq.items.length - 1];
    return this.insertLinesAfter(this.contentEnd(last), renderSeqItem(value, this.col(dash), this.layout));
  }

  append(path: Path, value: unknown): Edit {
    const r = this.resolve(path);
    if (r.depth === path.length && isSeq(r.node)) return this.appendItem(r.node, value);
    if (r.depth === path.length && !isEmptyNull(r.node)) throw new FixError(`${path.join('.')} is not a sequence`);
    return this.set(path, [value]);
  }

  rename(path: Path, to: string): Edit {
    const r = this.resolve(path);
    const last = r.steps[r.steps.length - 1];
    if (r.depth !== path.length || !last?.pair) throw new FixError(`no key at ${path.join('.')}`);
    const k = last.pair.key as Node;
    if (last.coll.items.some((p) => isPair(p) && p !== last.pair && keyMatches(p, to))) throw new FixError(`${to} already exists`);
    const style = isScalar(k) ? (k.type as string | undefined) : undefined;
    return { start: this.start(k), end: this.base + k.range![1], text: renderKey(to, style) };
  }

  remove(path: Path, prune: boolean): Edit {
    const r = this.resolve(path);
    if (r.depth !== path.length) throw new FixError(`nothing at ${path.join('.')}`);
    const last = r.steps[r.steps.length - 1];
    if (!last) throw new FixError('cannot remove the document');
    const coll = last.coll;
    if (coll.items.length === 1 && path.length > 1) {
      if (prune && path.length > 2) return this.remove(path.slice(0, -1), true);
      const parentPath = path.slice(0, -1);
      return this.set(parentPath, isSeq(coll) ? [] : {});
    }
    const idx = last.pair ? coll.items.indexOf(last.pair as never) : last.index!;
    const item = coll.items[idx];
    if (coll.flow) {
      const s = isPair(item) ? this.start(item.key) : this.start(item);
      const e = isPair(item) ? this.pairEnd(item) : this.contentEnd(item);
      if (idx > 0) {
        const prev = coll.items[idx - 1];
        const pe = isPair(prev) ? this.pairEnd(prev) : this.contentEnd(prev);
        return { start: pe, end: e, text: '' };
      }
      const next = coll.items[idx + 1];
      const ns = isPair(next) ? this.start(next.key) : this.start(next);
      return { start: s, end: ns, text: '' };
    }
    if (isPair(item)) {
      const ks = this.start(item.key);
      const end = this.pairEnd(item);
      if (!this.onlySpaceBefore(ks)) {
        // First key of a `- ` item: the next key moves up after the dash.
        if (idx !== 0) throw new FixError('unexpected layout');
        const next = coll.items[1] as Pair<unknown, unknown>;
        return { start: ks, end: this.start(next.key), text: '' };
      }
      return this.deleteLines(this.lineStart(ks), end);
    }
    const dash = this.dashBefore(this.start(item));
    if (!this.onlySpaceBefore(dash)) throw new FixError('unexpected layout');
    return this.deleteLines(this.lineStart(dash), this.contentEnd(item));
  }

  private deleteLines(from: number, lastContent: number): Edit {
    const end = this.nextLineStart(lastContent);
    if (end === this.text.length && !this.text.endsWith('\n') && from > 0) {
      let s = from - 1;
      if (s > 0 && this.text[s - 1] === '\r') s--;
      return { start: s, end, text: '' };
    }
    return { start: from, end, text: '' };
  }

  /** The value at a path as something `set` can write back unchanged. */
  valueForMove(path: Path): unknown {
    const r = this.resolve(path);
    if (r.depth !== path.length) throw new FixError(`nothing at ${path.join('.')}`);
    const n = r.node;
    if (isScalar(n) && n.range) {
      const src = this.text.slice(this.start(n), this.contentEnd(n));
      if (!src.includes('\n') && !/^[|>]/.test(src)) return new Raw(src);
    }
    return (n as Node | null)?.toJS?.(this.doc) ?? null;
  }
}

function hasSource(n: unknown): boolean {
  const r = (n as Node | null | undefined)?.range;
  return !!r && r[1] > r[0];
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

function buildNested(rest: Path, value: unknown): unknown {
  let v = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const seg = rest[i];
    if (typeof seg === 'number') {
      if (seg !== 0) throw new FixError('index beyond the end of a sequence');
      v = [v];
    } else v = { [seg]: v };
  }
  return v;
}

// --- conventional key order ------------------------------------------------------------------

const CONTAINER_ORDER = ['name', 'image', 'imagePullPolicy', 'command', 'args', 'workingDir', 'ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'env', 'envFrom', 'resources', 'volumeMounts', 'volumeDevices', 'lifecycle', 'securityContext'];
const POD_SPEC_ORDER = ['restartPolicy', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'securityContext', 'initContainers', 'containers', 'volumes'];
const METADATA_ORDER = ['name', 'generateName', 'namespace', 'labels', 'annotations'];
const TEMPLATE_ORDER = ['metadata', 'spec'];
const WORKLOAD_SPEC_ORDER = ['replicas', 'revisionHistoryLimit', 'selector', 'strategy', 'updateStrategy', 'minReadySeconds', 'serviceName', 'podManagementPolicy', 'template', 'volumeClaimTemplates'];
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

function orderFor(mapPath: Path, keys: string[]): string[] | undefined {
  const last = mapPath[mapPath.length - 1];
  const parent = mapPath[mapPath.length - 2];
  if (typeof last === 'number' && typeof parent === 'string' && CONTAINER_LISTS.has(parent)) return CONTAINER_ORDER;
  if (last === 'metadata') return METADATA_ORDER;
  if (last === 'template') return TEMPLATE_ORDER;
  if (last === 'spec' && (keys.includes('containers') || keys.includes('initContainers'))) return POD_SPEC_ORDER;
  if (last === 'spec' && keys.includes('template')) return WORKLOAD_SPEC_ORDER;
  return undefined;
}

/** Where a new key goes: after the last existing key that conventionally precedes it, else before the first that follows it, else at the end. */
export function placement(mapPath: Path, key: string, keys: string[]): { after?: number; before?: number } {
  const order = orderFor(mapPath, keys);
  const pos = order?.indexOf(key) ?? -1;
  if (!order || pos === -1) return {};
  let after = -1;
  keys.forEach((k, i) => {
    const o = order.indexOf(k);
    if (o !== -1 && o < pos) after = Math.max(after, i);
  });
  if (after !== -1) return { after };
  let before = -1;
  keys.forEach((k, i) => {
    const o = order.indexOf(k);
    if (o > pos && before === -1) before = i;
  });
  if (before !== -1) return { before };
  return {};
}

// --- applying --------------------------------------------------------------------------------

export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

function editorFor(text: string, docIndex: number): DocEditor {
  const slice = documentsOf(text)[docIndex];
  if (!slice) throw new FixError(`document ${docIndex} not found`);
  return new DocEditor(text, slice);
}

/** Applies one op to the document `docIndex` of `text`, returning the new text. */
export function applyOp(text: string, docIndex: number, op: FixOp): string {
  if (op.op === 'move') {
    const value = editorFor(text, docIndex).valueForMove(op.from);
    const placed = applyEdit(text, editorFor(text, docIndex).set(op.to, value));
    return applyEdit(placed, editorFor(placed, docIndex).remove(op.from, true));
  }
  return applyEdit(text, editorFor(text, docIndex).edit(op));
}

/**
 * Applies a fix's ops in order to one document, re-parsing between ops. Throws FixError when an op
 * does not apply or the result would not parse as cleanly as the input.
 */
export function applyOps(text: string, docIndex: number, ops: readonly FixOp[]): string {
  const before = documentsOf(text);
  let out = text;
  for (const op of ops) out = applyOp(out, docIndex, op);
  const after = documentsOf(out);
  if (after.length !== before.length) throw new FixError('the fix would change the number of documents');
  const errs = (ds: DocSlice[]) => ds.reduce((n, d) => n + d.errors, 0);
  if (errs(after) > errs(before)) throw new FixError('the fix would not parse');
  return out;
}

/** The smallest single replacement that turns `a` into `b` (never splitting a CR LF pair). */
export function minimalEdit(a: string, b: string): Edit {
  let p = 0;
  const max = Math.min(a.length, b.length);
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  let start = p;
  let endA = a.length - s;
  let endB = b.length - s;
  if (start > 0 && a[start - 1] === '\r' && a[start] === '\n') start--;
  if (endA > 0 && endA < a.length && a[endA - 1] === '\r' && a[endA] === '\n') {
    endA++;
    endB++;
  }
  return { start, end: endA, text: b.slice(start, endB) };
}
