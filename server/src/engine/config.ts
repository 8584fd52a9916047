/**
 * Daytwo's configuration: defaults, then the user's editor settings, then the workspace's
 * `.daytwo.yaml` (which wins). The file is data only and is validated against
 * schemas/daytwo-config.schema.json; problems are reported on the file itself, never thrown.
 */

import type Ajv from 'ajv';
import type { Document } from 'yaml';
import { parseDocument } from './yamlLibrary';
import configSchema from '../../../schemas/daytwo-config.schema.json';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { rangeAt } from './locate';
import { asDict, isDict } from './object';
import type { OffsetRange, Severity } from './types';

export const CONFIG_FILE_NAMES = ['.daytwo.yaml', '.daytwo.yml'];
export const DEFAULT_KUBERNETES_VERSION = '1.35';

export type RuleSetting = Severity | 'off';

export interface Exemption {
  rule: string;
  kind?: string;
  name?: string;
  namespace?: string;
  reason: string;
}

/** The configuration as the engine uses it: every field present. */
export interface ResolvedConfig {
  kubernetesVersion: string;
  /** Per-rule severity override or `off`. */
  severities: Record<string, RuleSetting>;
  ruleOptions: Record<string, Record<string, unknown>>;
  ignore: string[];
  exemptions: Exemption[];
  limits: Limits;
}

/** A partial configuration, from a file or editor settings. */
export interface ConfigLayer {
  kubernetesVersion?: string;
  severities?: Record<string, RuleSetting>;
  ruleOptions?: Record<string, Record<string, unknown>>;
  ignore?: string[];
  exemptions?: Exemption[];
  limits?: Partial<Limits>;
}

export interface ConfigProblem {
  message: string;
  range: OffsetRange;
}

export function defaultConfig(): ResolvedConfig {
  return {
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    severities: {},
    ruleOptions: {},
    ignore: [],
    exemptions: [],
    limits: { ...DEFAULT_LIMITS },
  };
}

/** Later layers win, field by field (rule settings merge per rule). */
export function mergeConfig(...layers: (ConfigLayer | undefined)[]): ResolvedConfig {
  const out = defaultConfig();
  for (const l of layers) {
    if (!l) continue;
    if (l.kubernetesVersion) out.kubernetesVersion = l.kubernetesVersion;
    if (l.severities) Object.assign(out.severities, l.severities);
    if (l.ruleOptions) for (const [id, o] of Object.entries(l.ruleOptions)) out.ruleOptions[id] = { ...out.ruleOptions[id], ...o };
    if (l.ignore) out.ignore = [...out.ignore, ...l.ignore];
    if (l.exemptions) out.exemptions = [...out.exemptions, ...l.exemptions];
    if (l.limits) out.limits = { ...out.limits, ...l.limits };
  }
  return out;
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown) {
  // Loaded when a config file is first read: ajv is not needed to start (precompiled validators).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  validator ??= new ((require('ajv') as typeof import('ajv')).default)({ allErrors: true, strict: false }).compile(configSchema);
  const ok = validator(data);
  return ok ? [] : validator.errors ?? [];
}

export interface ParsedConfig {
  layer: ConfigLayer;
  problems: ConfigProblem[];
}

/**
 * Parses and validates a `.daytwo.yaml` text. Unknown rule ids are problems too (they would
 * otherwise silently do nothing). Always returns a usable layer: what was valid is kept.
 */
export function parseConfig(text: string, knownRules: ReadonlySet<string>): ParsedConfig {
  const problems: ConfigProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { layer: {}, problems: [{ message: unreadable(e), range: { start: 0, end: 1 } }] };
  }
  for (const err of doc.errors) {
    const first = err.message.split('\n')[0];
    if (/call stack/i.test(first)) return { layer: {}, problems: [{ message: unreadable(new RangeError(first)), range: { start: 0, end: 1 } }] };
    problems.push({ message: `YAML syntax: ${first}`, range: { start: err.pos[0], end: Math.max(err.pos[1], err.pos[0] + 1) } });
  }
  if (problems.length) return { layer: {}, problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { layer: {}, problems: [{ message: unreadable(e), range: { start: 0, end: 1 } }] };
  }
  if (data === null || data === undefined) return { layer: {}, problems };
  if (!isDict(data)) {
    return { layer: {}, problems: [{ message: 'The config must be a mapping (kubernetesVersion, rules, ignore, exemptions, limits).', range: { start: 0, end: Math.min(text.length, 1) } }] };
  }
  for (const err of validate(data)) {
    const path = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let message = `${err.instancePath || 'config'} ${err.message ?? 'is invalid'}`;
    let target: 'key' | 'value' = 'value';
    if (err.keyword === 'additionalProperties') {
      const extra = String((err.params as { additionalProperty: string }).additionalProperty);
      path.push(extra);
      target = 'key';
      message = `Unknown setting "${extra}"${err.instancePath ? ` under ${err.instancePath}` : ''}.`;
    } else if (err.keyword === 'enum') {
      message = `${err.instancePath} must be one of ${((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}.`;
    }
    // oneOf reports every branch; the enum/type child errors say enough.
    if (err.keyword === 'oneOf') continue;
    problems.push({ message, range: rangeAt(doc, path, target) });
  }
  const rules = asDict(data.rules);
  const severities: Record<string, RuleSetting> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const [id, setting] of Object.entries(rules)) {
    if (!knownRules.has(id)) {
      const hint = closest(id, knownRules);
      problems.push({ message: `Unknown rule "${id}"${hint ? `: did you mean "${hint}"?` : '.'}`, range: rangeAt(doc, ['rules', id], 'key') });
      continue;
    }
    if (typeof setting === 'string' && ['error', 'warning', 'info', 'off'].includes(setting)) severities[id] = setting as RuleSetting;
    else if (isDict(setting)) {
      if (typeof setting.severity === 'string' && ['error', 'warning', 'info', 'off'].includes(setting.severity)) severities[id] = setting.severity as RuleSetting;
      if (isDict(setting.options)) ruleOptions[id] = setting.options;
    }
  }
  const layer: ConfigLayer = { severities, ruleOptions };
  const kv = data.kubernetesVersion;
  if ((typeof kv === 'string' || typeof kv === 'number') && /^1\.\d{1,2}$/.test(String(kv))) layer.kubernetesVersion = String(kv);
  if (Array.isArray(data.ignore)) layer.ignore = data.ignore.filter((g): g is string => typeof g === 'string' && g !== '');
  if (Array.isArray(data.exemptions)) {
    layer.exemptions = data.exemptions.filter(
      (e): e is Exemption => isDict(e) && typeof e.rule === 'string' && typeof e.reason === 'string' && e.reason !== '',
    );
  }
  if (isDict(data.limits)) {
    const limits: Partial<Limits> = {};
    for (const k of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
      const v = data.limits[k];
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) limits[k] = v;
    }
    layer.limits = limits;
  }
  return { layer, problems };
}

/** Why a config could not be read, in words a user can act on (never a raw stack-overflow message). */
function unreadable(e: unknown): string {
  if (e instanceof RangeError) return 'Cannot read the config: it nests too deeply or expands too many aliases to be a Daytwo config. Keep it to the documented keys.';
  return `Cannot read the config: ${(e as Error).message}`;
}

/** Levenshtein distance, capped: used for "did you mean" everywhere. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate within `maxDistance` edits (ties: the first in iteration order). */
export function closest(word: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  let best: string | undefined;
  let bestD = maxDistance + 1;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0.5 : editDistance(word, c, maxDistance);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Parses "1.35" into a comparable number pair. */
export function parseVersion(v: string): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : [1, 35];
}

/** True when `v` (MAJOR.MINOR) is at least `min`. */
export function versionAtLeast(v: string, min: string): boolean {
  const [a, b] = parseVersion(v);
  const [c, d] = parseVersion(min);
  return a > c || (a === c && b >= d);
}
