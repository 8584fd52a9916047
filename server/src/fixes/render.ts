/** Rendering values as YAML text for insertion: block style at a given indentation, or flow style. */

import { stringify } from '../engine/yamlLibrary';

/** Source text kept as it was (a moved annotation keeps its quoting). */
export class Raw {
  constructor(readonly source: string) {}
}

/** A string that must be double-quoted (the ignore annotation: `"rule,rule"`). */
export class Quoted {
  constructor(readonly value: string) {}
}

export type QuoteStyle = 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | string | undefined;

export interface Layout {
  eol: string;
  /** Indentation step of block mappings. */
  unit: number;
  /** Sequences written flush with their parent key (`containers:\n- name`) rather than indented. */
  flushSeq: boolean;
}

const FLOW_UNSAFE = /[,\[\]{}]/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Raw) && !(v instanceof Quoted);
}

export function isStructured(v: unknown): boolean {
  return (Array.isArray(v) && v.length > 0) || (isPlainObject(v) && Object.keys(v).length > 0);
}

function doubleQuote(s: string): string {
  return JSON.stringify(s);
}

/** A string as YAML: plain when YAML reads it back as the same string, else quoted. */
export function renderString(s: string, style?: QuoteStyle, flow = false): string {
  if (style === 'QUOTE_DOUBLE') return doubleQuote(s);
  if (style === 'QUOTE_SINGLE' && !/[\r\n]/.test(s)) return `'${s.replace(/'/g, "''")}'`;
  if (s === '' || /[\r\n\t]/.test(s) || (flow && FLOW_UNSAFE.test(s))) return doubleQuote(s);
  let out: string;
  try {
    out = stringify(s, { lineWidth: 0, minContentWidth: 0 }).replace(/\r?\n$/, '');
  } catch {
    return doubleQuote(s);
  }
  if (out.includes('\n') || /^[|>]/.test(out)) return doubleQuote(s);
  return out;
}

export function renderScalar(v: unknown, style?: QuoteStyle, flow = false): string {
  if (v instanceof Raw) return v.source;
  if (v instanceof Quoted) return doubleQuote(v.value);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : doubleQuote(String(v));
  if (typeof v === 'string') return renderString(v, style, flow);
  if (Array.isArray(v)) return '[]';
  if (isPlainObject(v)) return '{}';
  return doubleQuote(String(v));
}

export function renderKey(k: string, style?: QuoteStyle): string {
  return renderString(k, style, false);
}

/** A value in flow style: `{a: 1, b: [x]}`. */
export function renderFlow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`;
  if (isPlainObject(v)) return `{${Object.entries(v).map(([k, x]) => `${renderString(k, undefined, true)}: ${renderFlow(x)}`).join(', ')}}`;
  return renderScalar(v, undefined, true);
}

/** What follows `key:` in block style for a key at column `col`: ` scalar` or an EOL and indented lines. */
export function renderAfterKey(v: unknown, col: number, layout: Layout): string {
  if (!isStructured(v)) return ' ' + renderScalar(v);
  if (Array.isArray(v)) return layout.eol + renderSeqItems(v, col + (layout.flushSeq ? 0 : layout.unit), layout);
  return layout.eol + renderMapLines(v as Record<string, unknown>, col + layout.unit, layout);
}

/** `key: value` lines for every entry, keys at column `col`, without a trailing EOL. */
export function renderMapLines(v: Record<string, unknown>, col: number, layout: Layout): string {
  return Object.entries(v)
    .map(([k, x]) => renderPair(k, x, col, layout))
    .join(layout.eol);
}

export function renderPair(k: string, v: unknown, col: number, layout: Layout): string {
  return ' '.repeat(col) + renderKey(k) + ':' + renderAfterKey(v, col, layout);
}

export function renderSeqItems(items: unknown[], dashCol: number, layout: Layout): string {
  return items.map((it) => renderSeqItem(it, dashCol, layout)).join(layout.eol);
}

/** One `- item` at column `dashCol` (a mapping continues two columns right of the dash). */
export function renderSeqItem(item: unknown, dashCol: number, layout: Layout): string {
  const pad = ' '.repeat(dashCol);
  if (Array.isArray(item)) return pad + '- ' + renderFlow(item);
  if (isStructured(item)) {
    const body = renderMapLines(item as Record<string, unknown>, dashCol + 2, layout);
    return pad + '- ' + body.slice(dashCol + 2);
  }
  return pad + '- ' + renderScalar(item);
}
