/** Parsing one YAML document (a chunk of a file) into an AST plus its plain value, within limits. */

import { Document, isMap, isScalar, parseAllDocuments, isCollection, isPair, type Node } from 'yaml';
import type { Limits } from './limits';
import type { OffsetRange } from './types';

export interface ParseProblem {
  message: string;
  /** Offsets relative to the chunk. */
  range: OffsetRange;
}

/** One parsed YAML document. Offsets inside `doc` are relative to the chunk the document came from. */
export interface ParsedDoc {
  doc: Document.Parsed | undefined;
  /** The document as plain data (merge keys resolved); undefined when it could not be built. */
  value: unknown;
  errors: ParseProblem[];
  /** Set when the document could not be analysed at all (too deep, alias bomb): one clear reason. */
  unanalysable?: ParseProblem;
}

/** Cheap scan for nesting depth before handing text to the parser: deep flow nesting is a stack bomb. */
function flowDepthExceeds(text: string, max: number): number {
  let depth = 0;
  let inSingle = false;
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
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
      i = nl;
    } else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return -1;
}

/** Block nesting depth, measured by indentation steps; catches 3,000-deep block mappings cheaply. */
function blockDepthExceeds(text: string, max: number): number {
  const stack: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl === -1) nl = text.length;
    let i = lineStart;
    while (i < nl && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 45)) i++; // spaces and "- "
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

function problemAt(message: string, offset: number, text: string): ParseProblem {
  const end = text.indexOf('\n', offset);
  return { message, range: { start: offset, end: end === -1 ? text.length : end } };
}

/** Walks the AST iteratively to measure depth (the composer itself recursed safely if we got here). */
function astDepth(node: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[node, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > max) return true;
    if (isCollection(n)) {
      for (const item of n.items) {
        if (isPair(item)) {
          stack.push([item.value, d + 1]);
          if (isCollection(item.key)) stack.push([item.key, d + 1]);
        } else stack.push([item, d + 1]);
      }
    }
  }
  return false;
}

export function parseChunk(text: string, limits: Limits): ParsedDoc[] {
  const deepFlow = flowDepthExceeds(text, limits.maxDepth);
  const deepBlock = deepFlow === -1 ? blockDepthExceeds(text, limits.maxDepth) : -1;
  const deepAt = deepFlow !== -1 ? deepFlow : deepBlock;
  if (deepAt !== -1) {
    return [
      {
        doc: undefined,
        value: undefined,
        errors: [],
        unanalysable: problemAt(
          `This document nests deeper than ${limits.maxDepth} levels (daytwo.maxDepth), so Daytwo does not analyse it. Flatten it or raise the limit.`,
          deepAt,
          text,
        ),
      },
    ];
  }

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { merge: true, uniqueKeys: true, prettyErrors: false, strict: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    return [{ doc: undefined, value: undefined, errors: [], unanalysable: problemAt(`YAML parser failed: ${(e as Error).message}`, 0, text) }];
  }

  return docs.map((doc) => {
    const errors: ParseProblem[] = doc.errors.map((err) => ({
      message: err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
      range: { start: err.pos[0], end: Math.max(err.pos[1], err.pos[0] + 1) },
    }));
    if (errors.length) return { doc, value: undefined, errors };
    if (astDepth(doc.contents, limits.maxDepth)) {
      return {
        doc,
        value: undefined,
        errors,
        unanalysable: problemAt(
          `This document nests deeper than ${limits.maxDepth} levels (daytwo.maxDepth), so Daytwo does not analyse it.`,
          (doc.contents as Node | null)?.range?.[0] ?? 0,
          text,
        ),
      };
    }
    try {
      const value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
      return { doc, value, errors };
    } catch (e) {
      const msg = (e as Error).message;
      const bomb = /alias/i.test(msg);
      return {
        doc,
        value: undefined,
        errors: bomb ? [] : [{ message: msg, range: { start: 0, end: 1 } }],
        unanalysable: bomb
          ? problemAt(
              `This document expands more than ${limits.maxAliasCount} aliases (daytwo.maxAliasCount), a pattern used to exhaust memory ("billion laughs"), so Daytwo does not analyse it.`,
              (doc.contents as Node | null)?.range?.[0] ?? 0,
              text,
            )
          : undefined,
      };
    }
  });
}

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
