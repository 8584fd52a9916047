/** Finding the YAML node at a data path, so findings point at the exact key or value. */

import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from './yamlLibrary';
import type { OffsetRange, Path, Target } from './types';

export interface Located {
  /** The pair holding the last found segment when it is a mapping key. */
  pair?: Pair<unknown, unknown>;
  /** The node at the deepest path segment that exists. */
  node?: Node;
  /** How many segments of the path were found. */
  depth: number;
  found: boolean;
}

/** Looks a key up in a mapping, following merge keys (`<<: *base`) the way toJS resolves them. */
export function findPair(map: YAMLMap<unknown, unknown>, key: string, doc?: Document, seen = 0): Pair<unknown, unknown> | undefined {
  let merged: Pair<unknown, unknown> | undefined;
  for (const p of map.items) {
    const k = isScalar(p.key) ? p.key.value : p.key;
    if (k === key || (typeof k === 'number' && String(k) === key)) return p;
    if (!merged && k === '<<' && doc && seen < 8) {
      const sources = isSeq(p.value) ? p.value.items : [p.value];
      for (const s of sources) {
        const target = isAlias(s) ? s.resolve(doc) : s;
        if (isMap(target)) {
          const hit = findPair(target, key, doc, seen + 1);
          if (hit) {
            merged = hit;
            break;
          }
        }
      }
    }
  }
  return merged;
}

export function locate(doc: Document, path: Path): Located {
  let node: unknown = doc.contents;
  let pair: Pair<unknown, unknown> | undefined;
  let depth = 0;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const p = findPair(node, String(seg), doc);
      if (!p) break;
      pair = p;
      node = p.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      pair = undefined;
      node = node.items[seg];
    } else break;
    depth++;
  }
  return { pair, node: (node ?? undefined) as Node | undefined, depth, found: depth === path.length };
}

function nodeRange(n: unknown): OffsetRange | undefined {
  const r = (n as Node | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/**
 * The range a finding at `path` should underline. When the path exists: its key, value or the whole
 * `key: value` pair. When it does not (a missing field), the deepest ancestor that exists: for a
 * sequence item that is a mapping, its `name` value (a container is named by its name); otherwise
 * the ancestor's key.
 */
export function rangeAt(doc: Document, path: Path, target: Target = 'key'): OffsetRange {
  const loc = locate(doc, path);
  if (loc.found) return rangeOfFound(loc, target);
  return fallbackRange(doc, path.slice(0, loc.depth), loc);
}

function rangeOfFound(loc: Located, target: Target): OffsetRange {
  const keyR = loc.pair ? nodeRange(loc.pair.key) : undefined;
  const valR = nodeRange(loc.node) ?? keyR;
  if (target === 'key' && keyR) return keyR;
  if (target === 'value' && valR && (valR.end > valR.start || !keyR)) return valR;
  if (target === 'pair' && keyR && valR && isScalar(loc.node)) return { start: keyR.start, end: valR.end };
  if (keyR) return keyR;
  if (isMap(loc.node) && loc.node.items.length) return firstLine(loc.node);
  return valR ?? { start: 0, end: 0 };
}

function firstLine(map: YAMLMap<unknown, unknown>): OffsetRange {
  const named = findPair(map, 'name');
  if (named && isScalar(named.value)) return nodeRange(named.value)!;
  const first = map.items[0];
  return nodeRange(first.key) ?? nodeRange(map)!;
}

function fallbackRange(doc: Document, existing: Path, loc: Located): OffsetRange {
  if (existing.length === 0) {
    const root = doc.contents;
    if (isMap(root)) {
      const kind = findPair(root, 'kind');
      if (kind) return nodeRange(kind.value) ?? nodeRange(kind.key)!;
      return firstLine(root);
    }
    return nodeRange(root) ?? { start: 0, end: 0 };
  }
  return rangeOfFound(loc, 'key');
}
