/**
 * Completion where Daytwo knows more than a schema: service-mesh annotation and label keys (with
 * their documentation and valid values) in pod templates, Namespaces and Services; rule ids in
 * `# daytwo-ignore` comments and `daytwo.dev/ignore` annotations; and keys, rule ids and severities
 * in `.daytwo.yaml`. Works on the text around the cursor (indentation), so it also works on a
 * half-written document that does not parse.
 */

import type { CompletionItem, Position } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from './languageServer';
import { meshKeysFor, type MeshKeyInfo, type Placement } from '../mesh/catalog';
import { RULES } from '../rules/registry';
import { IGNORE_ANNOTATION, IGNORE_COMMENT } from '../engine/suppress';
import configSchema from '../../../schemas/daytwo-config.schema.json';

const SEVERITIES = ['error', 'warning', 'info', 'off'];
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController', 'PodTemplate']);

export const COMPLETION_TRIGGER_CHARACTERS = [' ', ',', '/', '.', '"', ':'];

interface Ctx {
  lines: string[];
  line: number;
  /** Text of the line before the cursor. */
  before: string;
}

/** The keys enclosing a line at `indent`, outermost first; `-` marks a sequence item. */
export function parentPath(lines: string[], line: number, indent: number): string[] {
  const path: string[] = [];
  let cur = indent;
  for (let i = line - 1; i >= 0 && cur > 0; i--) {
    const t = lines[i];
    if (/^(---|\.\.\.)(\s|$)/.test(t)) break;
    const trimmed = t.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const ind = t.length - t.trimStart().length;
    if (ind >= cur) continue;
    const m = /^(\s*)((?:-\s+)*)(?:("[^"]*"|'[^']*'|[^\s#'"][^#]*?)\s*:(?:\s|$))?/.exec(t)!;
    const dashes = m[2] ?? '';
    const keyIndent = ind + dashes.length;
    if (m[3] !== undefined && keyIndent < cur) {
      path.unshift(unquote(m[3]));
      cur = ind;
      for (let d = (dashes.match(/-/g) ?? []).length; d > 0; d--) path.unshift('-');
    } else if (dashes) {
      // `- key: v` whose key is a sibling of the cursor's line: we are inside that sequence item.
      path.unshift('-');
      cur = ind;
    } else {
      cur = ind;
    }
  }
  return path;
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

/** The `kind:` of the YAML document around `line`. */
function documentKind(lines: string[], line: number): string | undefined {
  let start = line;
  while (start > 0 && !/^---(\s|$)/.test(lines[start])) start--;
  for (let i = start; i < lines.length; i++) {
    if (i > line && /^---(\s|$)/.test(lines[i])) break;
    const m = /^kind:\s*["']?([A-Za-z0-9]+)/.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}

function join(path: string[]): string {
  return path.filter((p) => p !== '-').join('.');
}

/** Where a `metadata.annotations`/`labels` map sits: decides which mesh keys apply. */
function placementOf(path: string[], kind: string | undefined): { placement: Placement; map: 'annotations' | 'labels' } | undefined {
  const p = join(path);
  const m = /(^|\.)(template\.)?metadata\.(annotations|labels)$/.exec(p);
  if (!m) return undefined;
  const map = m[3] as 'annotations' | 'labels';
  if (m[2]) return { placement: 'podTemplate', map };
  if (p !== `metadata.${map}`) return undefined;
  if (kind === 'Pod') return { placement: 'podTemplate', map };
  if (kind === 'Namespace') return { placement: 'namespace', map };
  if (kind === 'Service') return { placement: 'service', map };
  if (kind && (WORKLOAD_KINDS.has(kind) || kind === 'CronJob')) return { placement: 'workload', map };
  return undefined;
}

function meshDoc(k: MeshKeyInfo): string {
  const parts = [`**${k.name}** (${k.mesh} ${k.kind})`, k.doc];
  if (k.allowedValues.length) parts.push(`Valid values: ${k.allowedValues.map((v) => `\`${v}\``).join(', ')}`);
  else if (k.format) parts.push(`Format: ${k.format}`);
  else parts.push(`Value: ${k.valueType}`);
  if (k.default) parts.push(`Default: \`${k.default}\``);
  if (k.deprecated) parts.push(`Deprecated${k.replacement ? `: use the ${k.replacement}` : ''}.`);
  return parts.join('\n\n');
}

function replaceRange(line: number, from: number, to: number) {
  return { start: { line, character: from }, end: { line, character: to } };
}

function meshKeyItems(ctx: Ctx, keyStart: number, typed: string, keys: MeshKeyInfo[]): CompletionItem[] {
  return keys.map((k, i) => {
    const values = k.allowedValues.filter((v) => !/^<.*>$/.test(v));
    const snippetValue = values.length ? `"\${1|${values.map((v) => v.replace(/[,|$}\\]/g, '\\$&')).join(',')}|}"` : '"$1"';
    return {
      label: k.name,
      kind: CompletionItemKind.Property,
      detail: `${k.mesh} ${k.kind}${k.deprecated ? ' (deprecated)' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: meshDoc(k) },
      tags: k.deprecated ? [1] : undefined,
      sortText: `${k.deprecated ? 1 : 0}${String(i).padStart(4, '0')}`,
      filterText: k.name,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: replaceRange(ctx.line, keyStart, keyStart + typed.length), newText: `${k.name}: ${snippetValue}` },
    };
  });
}

function valueItems(ctx: Ctx, valueStart: number, typed: string, quoted: boolean, values: string[], doc?: string): CompletionItem[] {
  return values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.Value,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
    sortText: String(i).padStart(4, '0'),
    textEdit: { range: replaceRange(ctx.line, valueStart, valueStart + typed.length), newText: quoted ? v : `"${v}"` },
  }));
}

function ruleItems(line: number, from: number, to: number, suffix = ''): CompletionItem[] {
  return RULES.map((r) => ({
    label: r.id,
    kind: CompletionItemKind.EnumMember,
    detail: `${r.category} · ${r.severity}${r.defaultOff ? ' (off by default)' : ''}`,
    documentation: { kind: MarkupKind.Markdown, value: `${r.description}\n\n${r.rationale}` },
    textEdit: { range: replaceRange(line, from, to), newText: r.id + suffix },
  }));
}

/** Rule ids in `# daytwo-ignore a, b -- reason` and in the `daytwo.dev/ignore: "a,b"` annotation. */
function ignoreCompletion(ctx: Ctx): CompletionItem[] | undefined {
  const c = new RegExp(`#\\s*${IGNORE_COMMENT}(\\s+)([^\\r\\n]*)$`).exec(ctx.before);
  if (c && !c[2].includes('--')) {
    const word = /[\w-]*$/.exec(c[2])![0];
    return ruleItems(ctx.line, ctx.before.length - word.length, ctx.before.length);
  }
  const a = new RegExp(`^\\s*["']?${IGNORE_ANNOTATION.replace(/[./]/g, '\\$&')}["']?\\s*:\\s*["']?([\\w\\s,-]*)$`).exec(ctx.before);
  if (a) {
    const word = /[\w-]*$/.exec(a[1])![0];
    return ruleItems(ctx.line, ctx.before.length - word.length, ctx.before.length);
  }
  return undefined;
}

function manifestCompletion(ctx: Ctx): CompletionItem[] | undefined {
  const indent = ctx.before.length - ctx.before.trimStart().length;
  // Typing a key: `    sidecar.istio.io/pro`
  const key = /^(\s*)(["']?)([\w./-]*)$/.exec(ctx.before);
  if (key && indent > 0) {
    const where = placementOf(parentPath(ctx.lines, ctx.line, indent), documentKind(ctx.lines, ctx.line));
    if (!where) return undefined;
    const keys = meshKeysFor(where.placement).filter((k) => k.kind === (where.map === 'labels' ? 'label' : 'annotation'));
    const items = meshKeyItems(ctx, indent, key[2] + key[3], keys);
    if (where.map === 'annotations' && (where.placement === 'podTemplate' || where.placement === 'workload')) {
      items.push({
        label: IGNORE_ANNOTATION,
        kind: CompletionItemKind.Property,
        detail: 'Daytwo',
        documentation: { kind: MarkupKind.Markdown, value: 'Rule ids Daytwo does not report for this object, comma separated. Add `daytwo.dev/ignore-reason` to say why.' },
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: replaceRange(ctx.line, indent, ctx.before.length), newText: `${IGNORE_ANNOTATION}: "$1"` },
      });
    }
    return items;
  }
  // Typing a value: `    linkerd.io/inject: ena`
  const val = /^(\s*)(["']?)([\w./-]+)\2\s*:\s*(["']?)([^"'#]*)$/.exec(ctx.before);
  if (val && indent > 0) {
    const where = placementOf(parentPath(ctx.lines, ctx.line, indent), documentKind(ctx.lines, ctx.line));
    if (!where) return undefined;
    const k = meshKeysFor(where.placement).find((x) => x.name === val[3] && x.kind === (where.map === 'labels' ? 'label' : 'annotation'));
    const values = k?.allowedValues.filter((v) => !/^<.*>$/.test(v)) ?? [];
    if (!k || !values.length) return undefined;
    return valueItems(ctx, ctx.before.length - val[5].length, val[5], !!val[4], values, meshDoc(k));
  }
  return undefined;
}

type JsonSchema = {
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: string[];
  oneOf?: JsonSchema[];
};

function schemaAt(path: string[]): JsonSchema | undefined {
  let s: JsonSchema | undefined = configSchema as JsonSchema;
  for (const p of path) {
    if (!s) return undefined;
    if (p === '-') s = s.items;
    else if (s.properties?.[p]) s = s.properties[p];
    else if (typeof s.additionalProperties === 'object') s = s.additionalProperties.oneOf?.find((o) => o.type === 'object') ?? s.additionalProperties;
    else return undefined;
  }
  return s;
}

/** `.daytwo.yaml`: keys from the config schema, rule ids under `rules:` and in exemptions, severities. */
function configCompletion(ctx: Ctx): CompletionItem[] | undefined {
  const indent = ctx.before.length - ctx.before.trimStart().length;
  const key = /^(\s*)(-\s+)?([\w.-]*)$/.exec(ctx.before);
  if (key) {
    const keyStart = ctx.before.length - key[3].length;
    const path = parentPath(ctx.lines, ctx.line, key[2] ? keyStart : indent);
    if (key[2]) path.push('-');
    if (join(path) === 'rules' && path[path.length - 1] !== '-') return ruleItems(ctx.line, keyStart, ctx.before.length, ': ');
    const s = schemaAt(path);
    if (!s?.properties) return undefined;
    return Object.entries(s.properties).map(([name, p]) => {
      const isBlock = p.type === 'object' || p.type === 'array';
      return {
        label: name,
        kind: CompletionItemKind.Property,
        documentation: p.description ? { kind: MarkupKind.Markdown, value: p.description } : undefined,
        textEdit: { range: replaceRange(ctx.line, keyStart, ctx.before.length), newText: `${name}:${isBlock ? '' : ' '}` },
      };
    });
  }
  const val = /^(\s*)(-\s+)?([\w.-]+)\s*:\s*(["']?)([\w.*-]*)$/.exec(ctx.before);
  if (val) {
    const keyStart = indent + (val[2]?.length ?? 0);
    const path = parentPath(ctx.lines, ctx.line, keyStart);
    if (val[2]) path.push('-');
    const from = ctx.before.length - val[5].length;
    const parent = join(path);
    if (parent === 'rules' || (parent.startsWith('rules.') && val[3] === 'severity')) {
      return SEVERITIES.map((v, i) => ({ label: v, kind: CompletionItemKind.EnumMember, sortText: String(i), textEdit: { range: replaceRange(ctx.line, from, ctx.before.length), newText: v } }));
    }
    if (parent === 'exemptions' && val[3] === 'rule') return ruleItems(ctx.line, from, ctx.before.length);
  }
  return undefined;
}

export function complete(text: string, position: Position, opts: { isConfigFile: boolean }): CompletionItem[] | null {
  const lines = text.split(/\r?\n/);
  if (position.line >= lines.length) return null;
  const ctx: Ctx = { lines, line: position.line, before: lines[position.line].slice(0, position.character) };
  const ignore = ignoreCompletion(ctx);
  if (ignore) return ignore;
  if (opts.isConfigFile) return configCompletion(ctx) ?? null;
  return manifestCompletion(ctx) ?? null;
}
