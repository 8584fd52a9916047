/** Parsing one YAML document (a chunk of a file) into an AST plus its plain value, within limits. */

import type { Node } from 'yaml';
import { Document, isAlias, isMap, isScalar, parseAllDocuments, isCollection, isPair } from './yamlLibrary';
import type { Limits } from './limits';
import { parsePlainYaml } from './plainYaml';
import type { OffsetRange } from './types';

export interface ParseProblem {
  message: string;
  /** Offsets relative to the chunk. */
  range: OffsetRange;
}

/** One parsed YAML document. Offsets inside `doc` are relative to the chunk the document came from. */
export interface ParsedDoc {
  doc: Document.Parsed | undefined;
  /** The AST was dropped to save memory (closed file); the workspace re-parses it on demand. */
  astDropped?: boolean;
  /** The document as plain data (merge keys resolved); undefined when it could not be built. */
  value: unknown;
  errors: ParseProblem[];
  /** Set when the document could not be analysed at all (too deep, alias bomb): one clear reason. */
  unanalysable?: ParseProblem;
  /** Estimated YAML nodes of the chunk (on its first document), for the per-file budget. */
  nodes?: number;
}

/**
 * One cheap pass over the text before it reaches the parser: the deepest flow nesting (deep flow
 * nesting is a stack bomb) and an estimate of the YAML nodes the text holds (lines plus flow items),
 * which bounds what parsing will cost in time and memory.
 */
function preScan(text: string, maxDepth: number): { deepAt: number; nodes: number } {
  let depth = 0;
  let nodes = 1;
  let inSingle = false;
  let inDouble = false;
  let deepAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) nodes++;
    if (inDouble) {
      if (c === 92 /* \ */) i++;
      else if (c === 34) inDouble = false;
      continue;
    }
    if (inSingle) {
      if (c === 39) inSingle = false;
      continue;
    }
    if (c === 34 && (i === 0 || /[\s\[{,:]/.test(text[i - 1]))) inDouble = true;
    else if (c === 39 && (i === 0 || /[\s\[{,:]/.test(text[i - 1]))) inSingle = true;
    else if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl - 1;
    } else if (c === 91 || c === 123) {
      nodes++;
      if (++depth > maxDepth && deepAt === -1) deepAt = i;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
    else if (c === 44 && depth > 0) nodes++;
  }
  return { deepAt, nodes };
}

/**
 * Block nesting depth, measured by indentation steps; catches 3,000-deep block mappings cheaply.
 * Indicators at the start of a line (`- `, `? `, `: `) open a level each, so `- - - - x` on one line
 * counts as deep as it is.
 */
function blockDepthExceeds(text: string, max: number): number {
  const stack: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl === -1) nl = text.length;
    let i = lineStart;
    for (;;) {
      while (i < nl && text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      const indicator = (c === 45 /* - */ || c === 63 /* ? */ || c === 58) /* : */ && (i + 1 === nl || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 13);
      if (!indicator) break;
      const indent = i - lineStart;
      while (stack.length && stack[stack.length - 1] >= indent) stack.pop();
      stack.push(indent);
      if (stack.length > max) return lineStart;
      i++;
    }
    if (i < nl && text.charCodeAt(i) !== 35 && text.charCodeAt(i) !== 13) {
      const indent = i - lineStart;
      while (stack.length && stack[stack.length - 1] >= indent) stack.pop();
      stack.push(indent);
      if (stack.length > max) return lineStart;
    }
    lineStart = nl + 1;
  }
  return -1;
}

/** The first line of the document that holds content (the top of the document, for "not analysed"). */
function topOfDocument(text: string): OffsetRange {
  let lineStart = 0;
  while (lineStart < text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl === -1) nl = text.length;
    const line = text.slice(lineStart, Math.min(nl, lineStart + 200)).trim();
    if (line && !line.startsWith('#') && !line.startsWith('%') && line !== '---' && line !== '...') {
      let end = nl;
      if (end > lineStart && text.charCodeAt(end - 1) === 13) end--;
      return { start: lineStart, end: Math.max(lineStart, end) };
    }
    lineStart = nl + 1;
  }
  return { start: 0, end: 0 };
}

/** What the structural walk of a parsed document found. */
interface Shape {
  /** Depth with aliases expanded (what anything walking the plain value will recurse through). */
  depth: number;
  /** Nodes added by alias expansion (a value shared through aliases counted once per use). */
  expanded: number;
  problems: ParseProblem[];
  /** An alias inside the node its anchor names: the plain value would be circular. */
  recursive?: ParseProblem;
}

function rangeOf(n: unknown): OffsetRange {
  const r = (n as Node | undefined)?.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : { start: 0, end: 1 };
}

function keyLabel(v: unknown): string {
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Walks the AST once, iteratively (no recursion, whatever the document): measures depth and size with
 * aliases expanded, finds aliases to unknown anchors and aliases inside their own anchor, and duplicate
 * keys. Duplicate keys are found here with a hash set rather than by the parser's `uniqueKeys`, which
 * compares every key with every earlier one: quadratic, minutes for one map of 100,000 keys.
 */
function walkShape(doc: Document.Parsed): Shape {
  const problems: ParseProblem[] = [];
  let recursive: ParseProblem | undefined;
  const anchors = new Map<string, unknown>();
  /** Size and height of each finished node with aliases expanded. */
  const done = new Map<unknown, { size: number; height: number }>();
  let expanded = 0;
  // `size`/`height` accumulate plain scalar children inline (most nodes), which never get a frame.
  type Frame = { node: unknown; children?: unknown[]; size: number; height: number };
  const stack: Frame[] = [{ node: doc.contents, size: 1, height: 0 }];
  const inline = (c: unknown): boolean => isScalar(c) && !c.anchor;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const n = top.node;
    if (top.children === undefined) {
      // First visit (document order): record anchors, expand aliases, queue children.
      const anchor = (n as { anchor?: string } | null)?.anchor;
      if (anchor && !isAlias(n)) anchors.set(anchor, n);
      if (isAlias(n)) {
        stack.pop();
        const source = anchors.get(n.source);
        if (source === undefined) {
          problems.push({ message: `Unknown alias *${keyLabel(n.source)}: no anchor &${keyLabel(n.source)} comes before it`, range: rangeOf(n) });
          done.set(n, { size: 1, height: 1 });
          continue;
        }
        const s = done.get(source);
        if (!s) {
          recursive ??= { message: `The alias *${keyLabel(n.source)} sits inside the node its anchor names: the document would be infinitely deep`, range: rangeOf(n) };
          done.set(n, { size: 1, height: 1 });
          continue;
        }
        expanded += s.size;
        done.set(n, s);
        continue;
      }
      const children: unknown[] = [];
      if (isCollection(n)) {
        const seen = isMap(n) && n.items.length > 1 ? new Map<unknown, true>() : undefined;
        for (const item of n.items) {
          if (isPair(item)) {
            for (const c of [item.key, item.value]) {
              if (c === null || c === undefined) continue;
              if (inline(c)) {
                top.size++;
                top.height = top.height || 1;
              } else children.push(c);
            }
            if (seen && isScalar(item.key) && item.key.value !== '<<') {
              const k = item.key.value;
              if (seen.has(k)) problems.push({ message: `Map keys must be unique: "${keyLabel(k)}" appears more than once`, range: rangeOf(item.key) });
              else seen.set(k, true);
            }
          } else if (inline(item)) {
            top.size++;
            top.height = top.height || 1;
          } else if (item !== null && item !== undefined) children.push(item);
        }
      }
      top.children = children;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], size: 1, height: 0 });
      continue;
    }
    // Second visit: all children are done.
    stack.pop();
    let size = top.size;
    let height = top.height;
    for (const c of top.children) {
      const s = done.get(c);
      if (!s) continue;
      size += s.size;
      if (s.height > height) height = s.height;
    }
    done.set(n, { size, height: height + 1 });
  }
  const root = done.get(doc.contents);
  return { depth: root?.height ?? 0, expanded, problems, recursive };
}

/** What one cheap pass over a chunk's text found: deep flow nesting, and its estimated YAML nodes. */
export interface ChunkScan {
  deepAt: number;
  /** The estimated cost of the chunk, for the per-file node budget (see Limits.maxNodes). */
  nodes: number;
}

export function scanChunk(text: string, limits: Limits): ChunkScan {
  return preScan(text, limits.maxDepth);
}

/**
 * How a chunk is parsed. `outline`: the fast path for plain manifests where it applies (values and
 * node ranges, what analysis needs), else the full parser. `full`: always the full parser, whose AST
 * keeps comments and source styles, for code that edits the text (quick fixes).
 */
export type ParseMode = 'outline' | 'full';

export function parseChunk(text: string, limits: Limits, mode: ParseMode = 'outline', scan: ChunkScan = scanChunk(text, limits)): ParsedDoc[] {
  const deepAt = scan.deepAt !== -1 ? scan.deepAt : blockDepthExceeds(text, limits.maxDepth);
  if (deepAt === -1 && mode === 'outline') {
    const plain = parsePlainYaml(text, limits.maxDepth);
    if (plain) return [{ doc: plain.doc, value: plain.value, errors: [], nodes: scan.nodes }];
  }
  const top = topOfDocument(text);
  const tooDeep = (): ParsedDoc => ({
    doc: undefined,
    value: undefined,
    errors: [],
    nodes: scan.nodes,
    unanalysable: {
      message: `This document nests deeper than ${limits.maxDepth} levels (daytwo.maxDepth), so Daytwo does not analyse it. Flatten it, or raise maxDepth in the settings or .daytwo.yaml.`,
      range: top,
    },
  });
  if (deepAt !== -1) return [tooDeep()];

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { merge: true, uniqueKeys: false, prettyErrors: false, strict: false, logLevel: 'error' }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    if (e instanceof RangeError) return [tooDeep()];
    return [{ doc: undefined, value: undefined, errors: [], nodes: scan.nodes, unanalysable: { message: `The YAML parser failed on this document (${(e as Error).message}), so Daytwo does not analyse it.`, range: top } }];
  }

  return docs.map((doc, i) => {
    const nodes = i === 0 ? scan.nodes : 0;
    const errors: ParseProblem[] = doc.errors.map((err) => ({
      message: err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
      range: { start: err.pos[0], end: Math.max(err.pos[1], err.pos[0] + 1) },
    }));
    if (errors.some((e) => /call stack/i.test(e.message))) return tooDeep();
    let shape: Shape;
    try {
      shape = walkShape(doc);
    } catch (e) {
      if (e instanceof RangeError) return tooDeep();
      throw e;
    }
    errors.push(...shape.problems);
    if (shape.recursive) errors.push(shape.recursive);
    if (errors.length) {
      // The parser reports some errors (a missing closing quote) just past the end of the text.
      for (const e of errors) {
        const start = Math.min(Math.max(0, e.range.start), text.length);
        e.range = { start, end: Math.min(Math.max(e.range.end, start), text.length) };
      }
      errors.sort((a, b) => a.range.start - b.range.start);
      return { doc, value: undefined, errors: errors.slice(0, MAX_ERRORS_PER_DOCUMENT), nodes };
    }
    if (shape.depth > limits.maxDepth) return { ...tooDeep(), doc };
    const bomb = (): ParsedDoc => ({
      doc,
      value: undefined,
      errors: [],
      nodes,
      unanalysable: {
        message: `This document expands more than ${limits.maxAliasCount} aliases (daytwo.maxAliasCount), a pattern used to exhaust memory ("billion laughs"), so Daytwo does not analyse it. If the aliases are intended, raise maxAliasCount in the settings or .daytwo.yaml.`,
        range: top,
      },
    });
    if (shape.expanded > 100 * limits.maxAliasCount) return bomb();
    try {
      const value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
      return { doc, value, errors, nodes };
    } catch (e) {
      const msg = (e as Error).message;
      if (/excessive alias/i.test(msg)) return bomb();
      if (e instanceof RangeError) return { ...tooDeep(), doc };
      return { doc, value: undefined, errors: [{ message: msg, range: rangeOf(doc.contents) }], nodes };
    }
  });
}

/** A broken document reports its first few syntax errors, not one per line of a binary blob. */
const MAX_ERRORS_PER_DOCUMENT = 20;

/** True for a top-level mapping with string `apiVersion` and `kind`: how Kubernetes objects are recognised. */
export function looksLikeKubernetes(doc: Document.Parsed | undefined): boolean {
  const root = doc?.contents;
  if (!isMap(root)) return false;
  let api = false;
  let kind = false;
  for (const p of root.items) {
    if (!isScalar(p.key)) continue;
    if (p.key.value === 'apiVersion') api = isScalar(p.value) && typeof p.value.value === 'string' && p.value.value !== '';
    else if (p.key.value === 'kind') kind = isScalar(p.value) && typeof p.value.value === 'string' && p.value.value !== '';
  }
  return api && kind;
}
