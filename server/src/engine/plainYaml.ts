/**
 * A fast path for the plain YAML that Kubernetes manifests are written in: block mappings and
 * sequences, plain, quoted and block scalars, one-line flow collections and comments. It builds the
 * document's plain value and a `yaml`-compatible outline (maps, sequences, pairs and scalars with the
 * same node types and the same `range` start and end the full parser gives) in one pass over the
 * text, without the full parser's tokens, CST and Document AST, which cost half of parsing.
 *
 * It answers `undefined` for anything outside that subset (anchors, aliases, tags, merge keys,
 * directives, multi-line plain or quoted scalars, complex keys, tabs, CR line ends, duplicate keys,
 * empty documents, any syntax error) and the caller then uses the full parser, which stays the
 * authority: this path never reports an error, it only declines. The outline carries no comments or
 * source styles, so code that edits text (quick fixes) parses with the full parser.
 * `test/engine/plainYaml.test.ts` checks it against the full parser on every manifest the tests and
 * the benchmark use, and on generated variants.
 */

import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from './yamlLibrary';

type Range = [number, number, number];

/*
 * Outline nodes. The `yaml` library tells its nodes apart by a symbol-keyed tag that each of its
 * constructors sets with `Object.defineProperty`, the costliest step of building a node. Outline
 * nodes carry the same tag on their prototypes, which chain to the library's classes, so `isMap`,
 * `isSeq`, `isScalar`, `isPair` and `instanceof` answer as for the full parser's nodes, and `items`,
 * `key`, `value` and `range` mean the same. Collections also hold their plain value (`js`), which
 * saves a wrapper object per node while building.
 */
class OutlineScalar {
  constructor(
    public value: unknown,
    public start: number,
    public valueEnd: number,
    public nodeEnd: number,
  ) {}
}
class OutlinePair {
  constructor(
    public key: OutlineScalar,
    public value: OutlineNode,
  ) {}
}
class OutlineMap {
  items: OutlinePair[] = [];
  start = 0;
  valueEnd = 0;
  nodeEnd = 0;
  flow?: boolean;
  constructor(public js: Record<string, unknown>) {}
}
class OutlineSeq {
  items: OutlineNode[] = [];
  start = 0;
  valueEnd = 0;
  nodeEnd = 0;
  flow?: boolean;
  constructor(public js: unknown[]) {}
}

/*
 * A node's `range` ([start, value end, node end], as the library's) is built when asked for: only
 * nodes that a finding points at are ever asked, and an array per node was a third of the outline's
 * allocations, all of it kept alive until the file is analysed.
 */
for (const outline of [OutlineScalar, OutlineMap, OutlineSeq]) {
  Object.defineProperty(outline.prototype, 'range', {
    get(this: OutlineNode): Range {
      return [this.start, this.valueEnd, this.nodeEnd];
    },
  });
}
interface OutlineScalar { readonly range: Range }
interface OutlineMap { readonly range: Range }
interface OutlineSeq { readonly range: Range }
type OutlineNode = OutlineScalar | OutlineMap | OutlineSeq;

const NODE_TYPE = Object.getOwnPropertySymbols(new Scalar(null)).find((s) => s.description === 'yaml.node.type');
function inherit(outline: { prototype: object }, base: { prototype: object }, sample: object): void {
  Object.setPrototypeOf(outline.prototype, base.prototype);
  if (NODE_TYPE) Object.defineProperty(outline.prototype, NODE_TYPE, { value: (sample as Record<symbol, unknown>)[NODE_TYPE] });
}
inherit(OutlineScalar, Scalar, new Scalar(null));
inherit(OutlinePair, Pair, new Pair(null));
inherit(OutlineMap, YAMLMap, new YAMLMap());
inherit(OutlineSeq, YAMLSeq, new YAMLSeq());

/**
 * The document around an outline. Building a `yaml` Document costs a schema per document; outline
 * documents share one template's schema, options and directives through their prototype.
 */
class OutlineDocument {
  errors = [];
  warnings = [];
  commentBefore = null;
  comment = null;
  constructor(
    public contents: OutlineNode,
    public range: Range,
  ) {}
}
{
  const template = new Document(null);
  inherit(OutlineDocument, Document, template);
  Object.assign(OutlineDocument.prototype, { options: template.options, schema: template.schema, directives: template.directives });
}

function plain(n: OutlineNode): unknown {
  return n instanceof OutlineScalar ? n.value : n.js;
}

/** Thrown to leave the fast path; caught once in `parsePlainYaml`. */
class Decline {}
const DECLINE = new Decline();

const SPACE = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** The YAML 1.2 core schema's resolution of a plain scalar (what the `yaml` library does by default). */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only these first characters can start a null, boolean or number: the rest are strings at once.
  if (s.length === 0) return null;
  if (!(c <= 57 || c === 46 /* . */ || c === 126 /* ~ */ || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  if (/^(?:~|[Nn]ull|NULL)$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** A line with content: where it starts, its indentation and where it ends (its `\n` or the end). */
interface ContentLine {
  start: number;
  indent: number;
  end: number;
}

function scalar(value: unknown, start: number, end: number, nodeEnd: number): OutlineScalar {
  return new OutlineScalar(value, start, end, nodeEnd);
}

class PlainParser {
  /** Offset of the first line not consumed yet. */
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  private lineEnd(from: number): number {
    const nl = this.text.indexOf('\n', from);
    return nl === -1 ? this.text.length : nl;
  }

  /** The first line from `pos` with content (not blank, not a comment): its start and indent. */
  private nextContent(): ContentLine | undefined {
    // Asked twice per entry (after a value, then by its collection): remembered for the position.
    if (this.memoPos === this.pos) return this.memo;
    const t = this.text;
    let start = this.pos;
    let found: ContentLine | undefined;
    while (start < t.length) {
      let i = start;
      while (t.charCodeAt(i) === SPACE) i++;
      const end = this.lineEnd(i);
      if (i < end && t.charCodeAt(i) !== HASH) {
        found = { start, indent: i - start, end };
        break;
      }
      start = end + 1;
    }
    this.memoPos = this.pos;
    return (this.memo = found);
  }
  private memoPos = -1;
  private memo: ContentLine | undefined;

  parseDocument(): OutlineNode {
    const t = this.text;
    if (t.startsWith('---') && (t.length === 3 || t.charCodeAt(3) === SPACE || t.charCodeAt(3) === NL)) {
      // A document marker line: allowed only bare or with a comment.
      const end = this.lineEnd(0);
      let i = 3;
      while (t.charCodeAt(i) === SPACE) i++;
      if (i < end && !(t.charCodeAt(i) === HASH && i > 3)) throw DECLINE;
      this.pos = end + 1;
    }
    const first = this.nextContent();
    if (!first) throw DECLINE;
    const built = this.block(first.start + first.indent, first.end, first.indent);
    if (this.nextContent()) throw DECLINE; // content left at a smaller indent than the root: an error
    return built;
  }

  /**
   * Where a value's node ends (`range[2]`, which is its collection's `range[1]` when it is the last
   * item): after its line, and after the comment lines more indented than its collection that follow
   * it directly (blank lines between them included); the full parser counts those into the value.
   */
  private valueEnd(lineAfter: number, owner: number): number {
    const t = this.text;
    let end = lineAfter;
    let line = lineAfter;
    while (line < t.length) {
      let i = line;
      while (t.charCodeAt(i) === SPACE) i++;
      const lineEnd = this.lineEnd(i);
      if (i < lineEnd) {
        if (t.charCodeAt(i) !== HASH || i - line <= owner) break;
        end = Math.min(lineEnd + 1, t.length);
      }
      line = lineEnd + 1;
    }
    return end;
  }

  /**
   * An empty value: `key:` or `-` ending its line, with content on the next line. Whether the full
   * parser counts spaces, comments and blank lines around an empty value into its range depends on
   * rules of its own (on indentation, sequences, the end of the document), so any of those declines.
   */
  private emptyValue(q: number, end: number): OutlineNode {
    const t = this.text;
    if (q !== end || t.charCodeAt(q - 1) === SPACE) throw DECLINE;
    // Comment lines just before the value's line (back to the previous content line) also count.
    for (let line = t.lastIndexOf('\n', q - 1); line > 0; ) {
      const prev = t.lastIndexOf('\n', line - 1) + 1;
      let i = prev;
      while (t.charCodeAt(i) === SPACE) i++;
      if (t.charCodeAt(i) === HASH) throw DECLINE;
      if (i < line) break; // the previous content line
      line = prev - 1;
    }
    const lineAfter = Math.min(end + 1, t.length);
    if (lineAfter < t.length) {
      let i = lineAfter;
      while (t.charCodeAt(i) === SPACE) i++;
      if (i === this.lineEnd(i) || t.charCodeAt(i) === HASH) throw DECLINE;
    }
    return scalar(null, q, q, q);
  }

  /**
   * A nested collection ends. Comment lines between its last value and the next line with content
   * are attached by the full parser to one collection or another by rules of its own (on indentation
   * and on what follows), which change the collections' ranges: such documents are left to it.
   */
  private endCollection(lastEnd: number, next: ContentLine | undefined): void {
    if (this.depth <= 1) return;
    const t = this.text;
    const stop = next ? next.start : t.length;
    let line = Math.max(this.pos, lastEnd);
    while (line < stop) {
      let i = line;
      while (t.charCodeAt(i) === SPACE) i++;
      if (t.charCodeAt(i) === HASH) throw DECLINE;
      line = this.lineEnd(i) + 1;
    }
  }

  /** A sequence indicator at `i`: `-` followed by a space or the end of its line at `end`. */
  private isDash(i: number, end: number): boolean {
    return this.text.charCodeAt(i) === DASH && (i + 1 === end || this.text.charCodeAt(i + 1) === SPACE);
  }

  /**
   * After an item of a collection at `col`: the next content line when it is at `col` (the next
   * item), undefined when the collection ends there; a deeper line is an error, declined.
   */
  private nextAtCol(col: number, lastEnd: number): ContentLine | undefined {
    const next = this.nextContent();
    if (!next || next.indent < col) {
      this.endCollection(lastEnd, next);
      return undefined;
    }
    if (next.indent > col) throw DECLINE;
    return next;
  }

  /** A block collection whose first line starts at `at` (column `col`). */
  private block(at: number, end: number, col: number): OutlineNode {
    if (++this.depth > this.maxDepth) throw DECLINE;
    const t = this.text;
    const built = this.isDash(at, end) ? this.seq(at, end, col) : this.map(at, end, col);
    this.depth--;
    return built;
  }

  private map(at: number, end: number, col: number): OutlineNode {
    const t = this.text;
    const value: Record<string, unknown> = {};
    const map = new OutlineMap(value);
    let lastEnd = at;
    for (;;) {
      const key = this.key(at, end);
      if (!key) throw DECLINE;
      let q = key.valueEnd + 1;
      while (t.charCodeAt(q) === SPACE) q++;
      let v: OutlineNode;
      if (q === end || t.charCodeAt(q) === HASH) {
        // The value is on the following lines, or empty.
        this.pos = end + 1;
        const next = this.nextContent();
        if (next && next.indent > col) v = this.block(next.start + next.indent, next.end, next.indent);
        else if (next && next.indent === col && this.isDash(next.start + col, next.end)) {
          // A sequence at the key's own indentation (`key:\n- a`) belongs to the key.
          v = this.block(next.start + col, next.end, col);
        } else v = this.emptyValue(q, end);
      } else v = this.inline(q, end, col);
      const k = key.value as string;
      if (k === '<<' || k === '__proto__' || Object.prototype.hasOwnProperty.call(value, k)) throw DECLINE;
      value[k] = plain(v);
      map.items.push(new OutlinePair(key, v));
      lastEnd = v.nodeEnd;
      const next = this.nextAtCol(col, lastEnd);
      if (!next) break;
      at = next.start + col;
      end = next.end;
    }
    map.start = map.items[0].key.start;
    map.valueEnd = map.nodeEnd = lastEnd;
    return map;
  }

  private seq(at: number, end: number, col: number): OutlineNode {
    const t = this.text;
    const value: unknown[] = [];
    const seq = new OutlineSeq(value);
    const start = at;
    let lastEnd = at;
    for (;;) {
      let q = at + 1;
      while (t.charCodeAt(q) === SPACE) q++;
      let v: OutlineNode;
      if (q === end || t.charCodeAt(q) === HASH) {
        this.pos = end + 1;
        const next = this.nextContent();
        if (next && next.indent > col) v = this.block(next.start + next.indent, next.end, next.indent);
        else v = this.emptyValue(q, end);
      } else if (this.isDash(q, end)) {
        throw DECLINE; // `- - a`: a sequence in a sequence on one line
      } else if (this.key(q, end)) {
        // `- name: a`: a mapping starting on the dash's line, at the column after the dash.
        v = this.block(q, end, q - (at - col));
      } else v = this.inline(q, end, col);
      value.push(plain(v));
      seq.items.push(v);
      lastEnd = v.nodeEnd;
      const next = this.nextAtCol(col, lastEnd);
      if (!next) break;
      const dash = next.start + col;
      // A line at this indentation that is not an item ends the sequence (`key:\n- a\nother: b`).
      if (!this.isDash(dash, next.end)) {
        this.endCollection(lastEnd, next);
        break;
      }
      at = dash;
      end = next.end;
    }
    seq.start = start;
    seq.valueEnd = seq.nodeEnd = lastEnd;
    return seq;
  }

  /**
   * A block mapping key at `at` (a plain or quoted scalar followed by `: ` or by `:` and the end of
   * the line), whose range ends at its colon; undefined when the text is not a key.
   */
  private key(at: number, end: number): OutlineScalar | undefined {
    const t = this.text;
    const c = t.charCodeAt(at);
    let text: string;
    let keyEnd: number;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const q = quotedScalar(t, at, end);
      text = q.value;
      keyEnd = q.end;
    } else {
      if (!this.plainStart(at, end)) return undefined;
      let i = at;
      for (; i < end; i++) {
        const ch = t.charCodeAt(i);
        if (ch === COLON && (i + 1 === end || t.charCodeAt(i + 1) === SPACE)) break;
        if (ch === HASH && t.charCodeAt(i - 1) === SPACE) return undefined; // a comment before any colon
      }
      if (i === end) return undefined;
      if (t.charCodeAt(i - 1) === SPACE) throw DECLINE; // `key : value`: unusual, leave it to the parser
      text = t.slice(at, i);
      // A plain key that is not a string (`1:`, `true:`, `null:`) becomes a string only in the value.
      if (resolvePlain(text) !== text) throw DECLINE;
      keyEnd = i;
    }
    if (t.charCodeAt(keyEnd) !== COLON || !(keyEnd + 1 === end || t.charCodeAt(keyEnd + 1) === SPACE)) return undefined;
    return scalar(text, at, keyEnd, keyEnd);
  }

  /** Whether a plain scalar may start at `at` in block context. */
  private plainStart(at: number, end: number): boolean {
    const c = this.text.charCodeAt(at);
    // Indicators that start something else (or are reserved) cannot start a plain scalar.
    if ('&*!|>\'"%@`[]{},#'.includes(this.text[at])) return false;
    if (c === DASH || c === 63 /* ? */ || c === COLON) return at + 1 < end && this.text.charCodeAt(at + 1) !== SPACE;
    return true;
  }

  /**
   * A value that starts on the key's or dash's line, at `q`. `owner` is the column of the collection
   * it belongs to: anything after it on a deeper line would continue it, which the fast path leaves.
   */
  private inline(q: number, end: number, owner: number): OutlineNode {
    const t = this.text;
    const c = t.charCodeAt(q);
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(q, end, owner);
    let built: OutlineNode;
    let valueEnd: number;
    if (c === 34 || c === 39) {
      const s = quotedScalar(t, q, end);
      valueEnd = s.end;
      built = scalar(s.value, q, s.end, s.end);
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      this.depth++;
      const f = new FlowParser(t, end, this.maxDepth - this.depth);
      built = f.collection(q);
      this.depth--;
      valueEnd = f.pos;
    } else {
      if (!this.plainStart(q, end)) throw DECLINE;
      let e = q;
      for (; e < end; e++) {
        const ch = t.charCodeAt(e);
        if (ch === HASH && t.charCodeAt(e - 1) === SPACE) break;
        // `a: b: c` is an error, and `a: b:` too; leave both to the parser.
        if (ch === COLON && (e + 1 === end || t.charCodeAt(e + 1) === SPACE)) throw DECLINE;
      }
      while (t.charCodeAt(e - 1) === SPACE) e--;
      const s = t.slice(q, e);
      const v = resolvePlain(s);
      valueEnd = e;
      built = scalar(v, q, e, e);
    }
    // After the value: only spaces and a comment.
    let i = valueEnd;
    while (t.charCodeAt(i) === SPACE) i++;
    if (i < end && !(t.charCodeAt(i) === HASH && i > valueEnd)) throw DECLINE;
    built.nodeEnd = this.valueEnd(Math.min(end + 1, t.length), owner);
    this.pos = end + 1;
    const next = this.nextContent();
    if (next && next.indent > owner) throw DECLINE; // a continuation line (multi-line plain) or an error
    return built;
  }

  /** A block scalar (`|`, `|-`, `>`, `>-`) whose header is at `at`; its content must be deeper than `owner`. */
  private blockScalar(at: number, end: number, owner: number): OutlineNode {
    const t = this.text;
    const folded = t.charCodeAt(at) === 62;
    let i = at + 1;
    const chomp = t[i] === '-' ? 'strip' : t[i] === '+' ? 'keep' : 'clip';
    if (chomp !== 'clip') i++;
    if (chomp === 'keep') throw DECLINE;
    const headerEnd = i;
    while (t.charCodeAt(i) === SPACE) i++;
    if (i < end && !(t.charCodeAt(i) === HASH && i > headerEnd)) throw DECLINE; // indentation indicators, text after the header
    const lines: string[] = [];
    let indent = -1;
    let lineStart = end + 1;
    let contentEnd = Math.min(end + 1, t.length);
    let lastContent = -1;
    while (lineStart < t.length) {
      let j = lineStart;
      while (t.charCodeAt(j) === SPACE) j++;
      const lineEnd = this.lineEnd(j);
      const blank = j === lineEnd;
      if (blank) {
        // Leading blank lines, and blank lines with spaces beyond the indentation (which are
        // content): rare and subtle, left to the parser.
        if (indent === -1 || j - lineStart > indent) throw DECLINE;
        lines.push('');
      } else {
        const col = j - lineStart;
        if (indent === -1) {
          if (col <= owner) throw DECLINE; // an empty block scalar
          indent = col;
        }
        if (col < indent) break;
        if (folded && col > indent) throw DECLINE; // more-indented lines fold differently
        lines.push(t.slice(lineStart + indent, lineEnd));
        lastContent = lines.length - 1;
        contentEnd = Math.min(lineEnd + 1, t.length);
      }
      lineStart = lineEnd + 1;
    }
    if (lastContent === -1) throw DECLINE;
    lines.length = lastContent + 1;
    let value: string;
    if (!folded) value = lines.join('\n');
    else {
      value = lines[0];
      let blanks = 0;
      for (let k = 1; k < lines.length; k++) {
        if (lines[k] === '') blanks++;
        else {
          value += blanks ? '\n'.repeat(blanks) + lines[k] : ' ' + lines[k];
          blanks = 0;
        }
      }
    }
    if (chomp === 'clip') value += '\n';
    this.pos = contentEnd;
    return scalar(value, at, contentEnd, contentEnd);
  }
}

/** A one-line quoted scalar at `at`: its value and the offset after its closing quote. */
function quotedScalar(t: string, at: number, end: number): { value: string; end: number } {
  const quote = t.charCodeAt(at);
  if (quote === 39) {
    let out = '';
    let from = at + 1;
    for (;;) {
      const i = t.indexOf("'", from);
      if (i === -1 || i >= end) throw DECLINE;
      out += t.slice(from, i);
      if (t.charCodeAt(i + 1) === 39) {
        out += "'";
        from = i + 2;
      } else return { value: out, end: i + 1 };
    }
  }
  let out = '';
  let from = at + 1;
  for (let i = from; ; i++) {
    if (i >= end) throw DECLINE;
    const c = t.charCodeAt(i);
    if (c === 34) return { value: out + t.slice(from, i), end: i + 1 };
    if (c === 92 /* \ */) {
      const esc = ESCAPES[t[i + 1]];
      if (esc === undefined) throw DECLINE; // \x, \u and the rarer escapes: the parser knows them
      out += t.slice(from, i) + esc;
      i++;
      from = i + 1;
    }
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', ' ': ' ' };

/** A flow collection (`[a, b]`, `{a: b}`) that must close on its own line. */
class FlowParser {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly end: number,
    private depthLeft: number,
  ) {}

  private skip(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
    if (this.pos >= this.end) throw DECLINE;
  }

  collection(at: number): OutlineNode {
    if (--this.depthLeft < 0) throw DECLINE;
    const t = this.text;
    const isMap = t.charCodeAt(at) === 123;
    const close = isMap ? 125 : 93;
    const mapValue: Record<string, unknown> = {};
    const seqValue: unknown[] = [];
    const node = isMap ? new OutlineMap(mapValue) : new OutlineSeq(seqValue);
    node.flow = true;
    this.pos = at + 1;
    this.skip();
    if (t.charCodeAt(this.pos) !== close) {
      for (;;) {
        if (isMap) {
          const k = this.item(true) as OutlineScalar;
          if (typeof k.value !== 'string' || k.value === '<<' || k.value === '__proto__' || Object.prototype.hasOwnProperty.call(mapValue, k.value)) throw DECLINE;
          this.skip();
          if (t.charCodeAt(this.pos) !== COLON) throw DECLINE;
          this.pos++;
          this.skip();
          const v = this.item(false);
          mapValue[k.value] = plain(v);
          (node as OutlineMap).items.push(new OutlinePair(k, v));
        } else {
          const v = this.item(false);
          seqValue.push(plain(v));
          (node as OutlineSeq).items.push(v);
        }
        this.skip();
        const c = t.charCodeAt(this.pos);
        if (c === close) break;
        if (c !== 44 /* , */) throw DECLINE;
        this.pos++;
        this.skip();
        if (t.charCodeAt(this.pos) === close) throw DECLINE; // a trailing comma
      }
    }
    this.pos++;
    this.depthLeft++;
    node.start = at;
    node.valueEnd = node.nodeEnd = this.pos;
    return node;
  }

  private item(isKey: boolean): OutlineNode {
    const t = this.text;
    const at = this.pos;
    const c = t.charCodeAt(at);
    if (c === 91 || c === 123) {
      if (isKey) throw DECLINE;
      return this.collection(at);
    }
    if (c === 34 || c === 39) {
      const q = quotedScalar(t, at, this.end);
      this.pos = q.end;
      return scalar(q.value, at, q.end, q.end);
    }
    if ('&*!|>%@`,[]{}#?:'.includes(t[at])) throw DECLINE;
    if (c === DASH && ' ,]}'.includes(t[at + 1])) throw DECLINE; // `-` alone is not a plain scalar
    let i = at;
    for (; i < this.end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === 44 || ch === 93 || ch === 125) break;
      if (ch === 91 || ch === 123 || ch === COLON || ch === HASH) {
        // `{a: b}`; but `{a:b}` reads differently in YAML, left to the parser.
        if (ch === COLON && isKey && t.charCodeAt(i + 1) === SPACE) break;
        throw DECLINE;
      }
    }
    let e = i;
    while (t.charCodeAt(e - 1) === SPACE) e--;
    if (e === at) throw DECLINE;
    const s = t.slice(at, e);
    const v = resolvePlain(s);
    this.pos = e;
    return scalar(v, at, e, e);
  }
}

/**
 * Parses one YAML document's text (a chunk from `splitDocuments`) when it is in the plain subset:
 * a Document whose `contents` is the outline, and the plain value. `undefined` otherwise.
 */
export function parsePlainYaml(text: string, maxDepth: number): { doc: Document.Parsed; value: unknown } | undefined {
  // Tabs, CR line ends, a byte order mark, directives and a second document marker: left to the
  // parser. (Anchors, aliases and tags decline where they would start a node: no plain scalar, key
  // or flow item starts with `&`, `*` or `!`.)
  const first = text.charCodeAt(0);
  // (The full parser drops a byte order mark at the start of any line before the document: anywhere declines.)
  if (first === 37 /* % */ || text.indexOf('\ufeff') !== -1 || text.indexOf('\t') !== -1 || text.indexOf('\r') !== -1 || /\n(?:%|\.\.\.|---)/.test(text)) return undefined;
  if (!NODE_TYPE) return undefined; // a `yaml` release that tags nodes differently: full parser only
  let root: OutlineNode;
  try {
    root = new PlainParser(text, maxDepth).parseDocument();
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
  const doc = new OutlineDocument(root, [root.start, text.length, text.length]) as unknown as Document.Parsed;
  return { doc, value: plain(root) };
}
