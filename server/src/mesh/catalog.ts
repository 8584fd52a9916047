/**
 * The service-mesh keys Daytwo knows (Istio, Linkerd): where each goes, what values it takes, what
 * replaced it. Data comes from meshData.json, generated from the shared facts by
 * scripts/generate-mesh-data.mjs and bundled by esbuild; this module only adds lookups and value
 * checks. Used by the mesh rules and by completion.
 */

import { parse as parseYaml } from '../engine/yamlLibrary';
import { editDistance } from '../engine/config';
import { QUANTITY_RE } from '../engine/quantity';
import data from './meshData.json';
import { pushTo } from '../engine/collections';

export type Mesh = 'istio' | 'linkerd';
export type KeyKind = 'annotation' | 'label';
export type Placement = 'podTemplate' | 'workload' | 'namespace' | 'service';

interface RawKey {
  n: string;
  k: string;
  m: string;
  on: string[];
  t: string;
  v?: string[];
  f?: string;
  min?: number;
  max?: number;
  xmin?: number;
  xmax?: number;
  ci?: number;
  shape?: string;
  named?: number;
  d?: number;
  dep?: number;
  rep?: string;
  set?: string;
  def?: string;
  nsi?: number;
  doc: string;
}

export interface MeshKey {
  name: string;
  kind: KeyKind;
  mesh: Mesh;
  /** Resource kinds the key is read from ('Pod' covers pod templates; 'Any' = every kind). */
  appliesTo: readonly string[];
  valueType: string;
  /** Literal allowed values (enums, booleans); empty when the value is free-form. */
  allowedValues: readonly string[];
  /** The expected format in words, when the facts give one. */
  format?: string;
  doc: string;
  deprecated: boolean;
  /** The successor, when one exists. */
  replacement?: { name: string; kind: KeyKind };
  /** Who writes it: 'user', or 'controller'/'internal' for keys the mesh sets itself. */
  setBy: string;
  default?: string;
  /** Linkerd: copied from the Namespace's annotations to pods that lack it. */
  namespaceInherited: boolean;
  /** Numeric bounds (inclusive min/max, exclusive xmin/xmax). */
  bounds?: { min?: number; max?: number; xmin?: number; xmax?: number };
  /** Enum compared case-insensitively. */
  caseInsensitive: boolean;
  /** JSON document shape. */
  shape?: 'object' | 'array';
  /** Port lists that may name container ports. */
  namedPorts: boolean;
  /** Durations with unit that also accept 'd' (days). */
  days: boolean;
}

const BOOL_GO = ['true', 'false', '1', '0', 't', 'f', 'T', 'F', 'TRUE', 'FALSE', 'True', 'False'];

function toKey(r: RawKey): MeshKey {
  const kind: KeyKind = r.k === 'l' ? 'label' : 'annotation';
  let replacement: MeshKey['replacement'];
  if (r.rep) {
    const m = /^(label|annotation)\s+(\S+)$/.exec(r.rep);
    replacement = m ? { name: m[2], kind: m[1] as KeyKind } : { name: r.rep, kind };
  }
  const allowed = r.t === 'boolStrict' || r.t === 'boolCaseInsensitive' ? ['true', 'false'] : r.t === 'boolGo' ? ['true', 'false'] : (r.v ?? []);
  const hasBounds = r.min !== undefined || r.max !== undefined || r.xmin !== undefined || r.xmax !== undefined;
  return {
    name: r.n,
    kind,
    mesh: r.m as Mesh,
    appliesTo: r.on,
    valueType: r.t,
    allowedValues: allowed,
    format: r.f,
    doc: r.doc,
    deprecated: !!r.dep,
    replacement,
    setBy: r.set ?? 'user',
    default: r.def,
    namespaceInherited: !!r.nsi,
    bounds: hasBounds ? { min: r.min, max: r.max, xmin: r.xmin, xmax: r.xmax } : undefined,
    caseInsensitive: !!r.ci,
    shape: r.shape === 'object' || r.shape === 'array' ? r.shape : undefined,
    namedPorts: !!r.named,
    days: !!r.d,
  };
}

export const MESH_KEYS: readonly MeshKey[] = (data.keys as RawKey[]).map(toKey);

const BY_NAME = new Map<string, MeshKey[]>();
for (const k of MESH_KEYS) pushTo(BY_NAME, k.name, k);

/** Keys Istio removed (known, but no longer honoured). */
export const REMOVED_KEYS: readonly { name: string; mesh: Mesh; removedIn: string; hint: string }[] = data.removed.map((r) => ({
  name: r.n,
  mesh: r.m as Mesh,
  removedIn: r.in,
  hint: r.hint,
}));

export const ISTIO_PROTOCOL_PREFIXES: readonly string[] = data.istio.protocolPrefixes;
export const ISTIO_WELL_KNOWN_TCP_PORTS: readonly number[] = data.istio.wellKnownTcpPorts;
export const ISTIO_RESERVED_PORTS: readonly number[] = data.istio.reservedPorts;
export const LINKERD_DEFAULT_OPAQUE_PORTS: readonly number[] = data.linkerd.defaultOpaquePorts;
export const LINKERD_APP_PROTOCOLS: readonly string[] = data.linkerd.appProtocols;
export const VALUE_TYPE_DOCS: Readonly<Record<string, string>> = data.valueTypes;

/**
 * The key with this name. With `kind`, only that kind; without, the annotation form first (a few keys,
 * such as `sidecar.istio.io/inject` and `istio.io/rev`, exist as both).
 */
export function meshKey(name: string, kind?: KeyKind): MeshKey | undefined {
  const list = BY_NAME.get(name);
  if (!list) return undefined;
  if (kind) return list.find((k) => k.kind === kind);
  return list.find((k) => k.kind === 'annotation') ?? list[0];
}

/** Every form (label, annotation) of a key name. */
export function meshKeyForms(name: string): readonly MeshKey[] {
  return BY_NAME.get(name) ?? [];
}

/** Keys whose name starts with `prefix` (e.g. "sidecar.istio.io/"). */
export function keysUnderPrefix(prefix: string, kind?: KeyKind): MeshKey[] {
  return MESH_KEYS.filter((k) => k.name.startsWith(prefix) && (!kind || k.kind === kind));
}

/** Read from the pod (template) metadata. */
export function appliesToPod(k: MeshKey): boolean {
  return k.appliesTo.includes('Pod') || k.appliesTo.includes('PodTemplate');
}

/** Read from a Pod only: on a workload's own metadata such a key does nothing. */
export function isPodScoped(k: MeshKey): boolean {
  return appliesToPod(k) && !k.appliesTo.includes('Any') && !k.appliesTo.some((a) => WORKLOAD_OWN_KINDS.has(a));
}
const WORKLOAD_OWN_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

export function podScopedKeys(): MeshKey[] {
  return MESH_KEYS.filter(isPodScoped);
}

export function namespaceKeys(): MeshKey[] {
  return MESH_KEYS.filter((k) => k.appliesTo.includes('Namespace'));
}

/** Does the key apply to an object of this kind (its own metadata)? */
export function appliesToKind(k: MeshKey, kind: string): boolean {
  if (k.appliesTo.includes('Any') || k.appliesTo.includes(kind)) return true;
  return kind === 'PodTemplate' && k.appliesTo.includes('Pod');
}

export interface MeshKeyInfo {
  name: string;
  kind: KeyKind;
  mesh: Mesh;
  doc: string;
  valueType: string;
  allowedValues: readonly string[];
  format?: string;
  deprecated: boolean;
  replacement?: string;
  default?: string;
}

/**
 * Keys a user may write at a placement, for completion: pod template metadata, a workload's own
 * metadata, a Namespace, a Service. Keys the meshes write themselves are left out.
 */
export function meshKeysFor(placement: Placement, opts: { includeControllerKeys?: boolean } = {}): MeshKeyInfo[] {
  const wanted: (k: MeshKey) => boolean = {
    podTemplate: appliesToPod,
    workload: (k: MeshKey) => k.appliesTo.includes('Any') || k.appliesTo.some((a) => WORKLOAD_OWN_KINDS.has(a)),
    namespace: (k: MeshKey) => k.appliesTo.includes('Namespace') || k.appliesTo.includes('Any'),
    service: (k: MeshKey) => k.appliesTo.includes('Service') || k.appliesTo.includes('Any'),
  }[placement];
  return MESH_KEYS.filter((k) => wanted(k) && (opts.includeControllerKeys || k.setBy === 'user')).map((k) => ({
    name: k.name,
    kind: k.kind,
    mesh: k.mesh,
    doc: k.doc,
    valueType: k.valueType,
    allowedValues: k.allowedValues,
    format: k.format,
    deprecated: k.deprecated,
    replacement: k.replacement ? `${k.replacement.kind} ${k.replacement.name}` : undefined,
    default: k.default,
  }));
}

// ---------------------------------------------------------------------------------------------
// Prefixes and "did you mean"

/** The mesh that owns a key's domain (`*.istio.io`, `*.linkerd.io`, `istio-injection`). */
export function meshOfKey(name: string): Mesh | undefined {
  if (name === 'istio-injection') return 'istio';
  const slash = name.indexOf('/');
  if (slash <= 0) return undefined;
  const domain = name.slice(0, slash).toLowerCase();
  if (domain === 'istio.io' || domain.endsWith('.istio.io')) return 'istio';
  if (domain === 'linkerd.io' || domain.endsWith('.linkerd.io')) return 'linkerd';
  return undefined;
}

/**
 * Prefixes under which every key is configuration the mesh reads, so an unknown name there is a
 * mistake even without a close match. Other mesh domains also carry controller bookkeeping keys,
 * where only a near miss of a known key is reported.
 */
export const STRICT_PREFIXES: readonly string[] = [
  'sidecar.istio.io/',
  'traffic.sidecar.istio.io/',
  'status.sidecar.istio.io/',
  'readiness.status.sidecar.istio.io/',
  'proxy.istio.io/',
  'inject.istio.io/',
  'prometheus.istio.io/',
  'config.linkerd.io/',
  'config.alpha.linkerd.io/',
  'config.beta.linkerd.io/',
  'retry.linkerd.io/',
  'timeout.linkerd.io/',
  'balancer.linkerd.io/',
  'balancer.alpha.linkerd.io/',
];

export function strictPrefixOf(name: string): string | undefined {
  return STRICT_PREFIXES.find((p) => name.startsWith(p));
}

/**
 * The known key a misspelt one most likely means: same name in another case, then the same local
 * name under another domain of the same mesh (traffic.istio.io/excludeInboundPorts), then the
 * nearest name by edit distance (at most 2, or 3 for long names). User-settable keys win ties.
 */
export function closestKey(name: string, kind: KeyKind): MeshKey | undefined {
  const mesh = meshOfKey(name);
  const pool = MESH_KEYS.filter((k) => k.kind === kind && (!mesh || k.mesh === mesh));
  const lower = name.toLowerCase();
  const ci = pool.filter((k) => k.name.toLowerCase() === lower);
  if (ci.length) return preferUser(ci);
  const slash = name.indexOf('/');
  const local = slash >= 0 ? name.slice(slash + 1).toLowerCase() : '';
  if (local) {
    const sameLocal = pool.filter((k) => k.name.slice(k.name.indexOf('/') + 1).toLowerCase() === local);
    if (sameLocal.length === 1 || (sameLocal.length > 1 && sameLocal.every((k) => k.name === sameLocal[0].name))) return preferUser(sameLocal);
  }
  const max = name.length >= 24 ? 3 : 2;
  let best: MeshKey[] = [];
  let bestD = max + 1;
  for (const k of pool) {
    const d = editDistance(lower, k.name.toLowerCase(), max);
    if (d < bestD) {
      best = [k];
      bestD = d;
    } else if (d === bestD && d <= max) best.push(k);
  }
  if (!best.length) return undefined;
  if (new Set(best.map((k) => k.name)).size === 1) return preferUser(best);
  // Several names equally near: only a single user-settable one is a safe guess.
  const user = best.filter((k) => k.setBy === 'user');
  return new Set(user.map((k) => k.name)).size === 1 ? preferUser(user) : undefined;
}

function preferUser(list: MeshKey[]): MeshKey {
  return list.find((k) => k.setBy === 'user' && !k.deprecated) ?? list.find((k) => k.setBy === 'user') ?? list[0];
}

// ---------------------------------------------------------------------------------------------
// Values

export interface ValueCheck {
  ok: boolean;
  /** Why the value is rejected, in words ("expected "true" or "false""). */
  reason?: string;
  /** The obvious valid spelling of the value, when there is one. */
  suggestion?: string;
}

const TRUTHY = new Set(['true', 'yes', 'y', 'on', '1', 't', 'enable', 'enabled']);
const FALSY = new Set(['false', 'no', 'n', 'off', '0', 'f', 'disable', 'disabled']);

/** Which way a boolean-ish word leans, if it clearly does. */
function boolish(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (TRUTHY.has(s)) return true;
  if (FALSY.has(s)) return false;
  return undefined;
}

/** The YAML-parsed value as the string a user meant ("true" for `true`, "1" for `1`). */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

const ok: ValueCheck = { ok: true };
const bad = (reason: string, suggestion?: string): ValueCheck => ({ ok: false, reason, suggestion: suggestion });

const INT_RE = /^[+-]?\d+$/;
const UINT_RE = /^\d+$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// µs is accepted in both spellings (U+00B5 micro sign, U+03BC mu), written as escapes: one non-ASCII
// character would make the whole bundle a two-byte string, slower to read, hash and compile at every start.
const GO_DURATION_RE = /^[+-]?((\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PORT_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function isPort(s: string): boolean {
  return UINT_RE.test(s) && Number(s) <= 65535;
}

/** "5 sec", "5secs", "2 minutes" -> "5s", "2m": unit words spelt out. */
function normalizeDuration(s: string, allowDays: boolean): string | undefined {
  const units: Record<string, string> = {
    ms: 'ms', msec: 'ms', msecs: 'ms', millisecond: 'ms', milliseconds: 'ms',
    s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
    m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
    h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
    ...(allowDays ? { d: 'd', day: 'd', days: 'd' } : {}),
  };
  const m = /^(\d+)\s*([a-zA-Z]+)$/.exec(s.trim());
  if (!m) return undefined;
  const unit = units[m[2].toLowerCase()];
  return unit ? `${m[1]}${unit}` : undefined;
}

function checkNumber(k: MeshKey, s: string, re: RegExp, what: string): ValueCheck {
  const t = s.trim();
  if (!re.test(t)) {
    // "10s" on a seconds-valued key: the number is what was meant.
    const m = /^(\d+)\s*s(ec(onds?)?)?$/i.exec(t);
    const sugg = m && /Seconds$/.test(k.name) ? m[1] : re.test(t.replace(/\s+/g, '')) ? t.replace(/\s+/g, '') : undefined;
    return bad(`expected ${what}`, sugg);
  }
  if (t !== s) return bad(`expected ${what} without spaces`, t);
  const n = Number(t);
  if (k.valueType === 'uint32' && n > 4294967295) return bad('expected a number up to 4294967295');
  const b = k.bounds;
  if (b) {
    if ((b.min !== undefined && n < b.min) || (b.max !== undefined && n > b.max)) return bad(`expected a value from ${b.min} to ${b.max}`);
    if ((b.xmin !== undefined && n <= b.xmin) || (b.xmax !== undefined && n >= b.xmax)) return bad(`expected a value strictly between ${b.xmin} and ${b.xmax}`);
  }
  return ok;
}

/** Comma-separated list check; `item` returns an error for one item or undefined when it is fine. */
function checkList(s: string, opts: { trim: boolean; trailingComma: boolean }, item: (x: string) => string | undefined, fixItem?: (x: string) => string | undefined): ValueCheck {
  if (s === '') return ok;
  let parts = s.split(',');
  if (opts.trailingComma && parts.length > 1 && parts[parts.length - 1].trim() === '') parts = parts.slice(0, -1);
  for (const raw of parts) {
    const x = opts.trim ? raw.trim() : raw;
    const err = item(x);
    if (err) return bad(err, suggestList(s, item, fixItem));
  }
  return ok;
}

/** The same list with separators normalised (", " / ";" / " " -> ","), when that makes every item valid. */
function suggestList(s: string, item: (x: string) => string | undefined, fixItem?: (x: string) => string | undefined): string | undefined {
  const parts = s.split(/[\s,;]+/).filter(Boolean).map((x) => (item(x) && fixItem ? fixItem(x) ?? x : x));
  if (!parts.length || parts.some((x) => item(x))) return undefined;
  const out = parts.join(',');
  return out === s ? undefined : out;
}

function portItem(x: string): string | undefined {
  return isPort(x) ? undefined : `'${x}' is not a port number (0-65535)`;
}

function portRangeItem(named: boolean) {
  return (x: string): string | undefined => {
    if (isPort(x)) return undefined;
    const m = /^(\d+)-(\d+)$/.exec(x);
    if (m) {
      if (!isPort(m[1]) || !isPort(m[2])) return `'${x}' is outside 0-65535`;
      if (Number(m[1]) > Number(m[2])) return `range '${x}' has its low end above its high end`;
      return undefined;
    }
    if (named && PORT_NAME_RE.test(x) && /[a-z]/.test(x) && x.length <= 15) return undefined;
    return `'${x}' is not a port or a low-high range`;
  };
}

function isCidr(x: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(x);
  if (!m) return false;
  const bits = Number(m[2]);
  if (isIPv4(m[1])) return bits <= 32;
  if (isIPv6(m[1])) return bits <= 128;
  return false;
}
function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255 && (o === '0' || !o.startsWith('0')));
}
function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = s.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1];
  const v4 = last?.includes('.') ? (isIPv4(last) ? 1 : -1) : 0;
  if (v4 < 0) return false;
  const hex = v4 ? groups.slice(0, -1) : groups;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + v4 * 2;
  return dbl.length === 2 ? count < 8 : count === 8;
}
function cidrItem(x: string): string | undefined {
  return isCidr(x) ? undefined : `'${x}' is not a CIDR (address/prefix-length)`;
}
/** A bare address means that host: add /32 or /128. */
function fixCidr(x: string): string | undefined {
  if (isIPv4(x)) return `${x}/32`;
  if (isIPv6(x)) return `${x}/128`;
  return undefined;
}

const LOG_SEPARATOR: Record<Mesh, RegExp> = { istio: /[:]/, linkerd: /[=]/ };

function checkLogLevel(k: MeshKey, s: string): ValueCheck {
  const levels = new Set(k.allowedValues.map((v) => v.toLowerCase()));
  const items = s.split(',').map((x) => x.trim());
  for (const it of items) {
    const sep = LOG_SEPARATOR[k.mesh];
    const lvl = sep.test(it) ? it.split(sep).pop()! : it;
    if (!levels.has(lvl.toLowerCase())) {
      const near = [...levels].find((l) => editDistance(lvl.toLowerCase(), l, 2) <= 1 || (lvl.toLowerCase() === 'warning' && l === 'warn') || (lvl.toLowerCase() === 'warn' && l === 'warning'));
      const sugg = near && items.length === 1 ? near : undefined;
      return bad(`'${lvl}' is not a log level (${k.allowedValues.join(', ')})`, sugg);
    }
  }
  return ok;
}

/** Checks a label/annotation value (already a string) against the key's value type. */
export function validateValue(k: MeshKey, value: string): ValueCheck {
  const s = value;
  switch (k.valueType) {
    case 'boolStrict': {
      if (s === 'true' || s === 'false') return ok;
      const b = boolish(s);
      return bad('expected exactly "true" or "false"', b === undefined ? undefined : String(b));
    }
    case 'boolGo': {
      if (BOOL_GO.includes(s)) return ok;
      const b = boolish(s);
      return bad('expected a boolean ("true" or "false")', b === undefined ? undefined : String(b));
    }
    case 'boolCaseInsensitive': {
      if (/^(true|false)$/i.test(s)) return ok;
      const b = boolish(s);
      return bad('expected "true" or "false"', b === undefined ? undefined : String(b));
    }
    case 'enum': {
      if (k.allowedValues.includes(s)) return ok;
      if (k.caseInsensitive && k.allowedValues.some((v) => v.toLowerCase() === s.toLowerCase())) return ok;
      return bad(`expected one of ${k.allowedValues.map((v) => `"${v}"`).join(', ')}`, suggestEnum(k.allowedValues, s));
    }
    case 'quantity': {
      if (QUANTITY_RE.test(s)) return ok;
      return bad('expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi', suggestQuantity(s));
    }
    case 'uint32':
    case 'uint':
      return checkNumber(k, s, UINT_RE, 'a non-negative whole number');
    case 'integer':
      return checkNumber(k, s, INT_RE, 'a whole number');
    case 'float':
      return checkNumber(k, s, FLOAT_RE, 'a number');
    case 'port': {
      if (isPort(s)) return ok;
      return bad('expected a port number (0-65535)', isPort(s.trim()) ? s.trim() : undefined);
    }
    case 'portList':
      return checkList(s, { trim: true, trailingComma: false }, portItem);
    case 'portListOrWildcard':
      if (s.trim() === '*') return ok;
      return checkList(s, { trim: true, trailingComma: false }, portItem);
    case 'portRangeList':
      return checkList(s, { trim: true, trailingComma: true }, portRangeItem(k.namedPorts));
    case 'cidrList':
      // Istio feeds each item to netip.ParsePrefix untrimmed; Linkerd is lenient about spaces.
      return checkList(s, { trim: k.mesh !== 'istio', trailingComma: false }, cidrItem, fixCidr);
    case 'cidrListOrWildcard':
      if (s === '*') return ok;
      return checkList(s, { trim: k.mesh !== 'istio', trailingComma: false }, cidrItem, fixCidr);
    case 'namespaceList':
      return checkList(s, { trim: true, trailingComma: false }, (x) => (x === '*' || x === '.' || x === '~' || /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(x) ? undefined : `'${x}' is not a namespace name, '*', '.' or '~'`));
    case 'labelSelectorString':
      return checkList(s, { trim: true, trailingComma: false }, (x) => (/^[^=\s]+=[^=\s]*$/.test(x) ? undefined : `'${x}' is not key=value`));
    case 'duration': {
      if (s === '0' || GO_DURATION_RE.test(s)) return ok;
      const n = normalizeDuration(s, false);
      return bad('expected a duration such as 500ms, 5s or 1m30s', n && GO_DURATION_RE.test(n) ? n : undefined);
    }
    case 'durationWithUnit': {
      const re = k.days ? /^\d+(ms|s|m|h|d)$/ : /^\d+(ms|s|m|h)$/;
      if (re.test(s)) return ok;
      const n = normalizeDuration(s, k.days);
      return bad(`expected a whole number with a unit (ms, s, m, h${k.days ? ', d' : ''}), e.g. 5s`, n && re.test(n) ? n : undefined);
    }
    case 'json': {
      let v: unknown;
      try {
        v = JSON.parse(s);
      } catch (e) {
        return bad(`expected JSON (${(e as Error).message})`);
      }
      if (k.shape === 'object' && (typeof v !== 'object' || v === null || Array.isArray(v))) return bad('expected a JSON object');
      if (k.shape === 'array' && !Array.isArray(v)) return bad('expected a JSON array');
      return ok;
    }
    case 'yamlOrJson': {
      let v: unknown;
      try {
        v = parseYaml(s);
      } catch (e) {
        return bad(`expected YAML or JSON (${(e as Error).message.split('\n')[0]})`);
      }
      if (v !== null && (typeof v !== 'object' || Array.isArray(v))) return bad('expected a mapping of settings');
      return ok;
    }
    case 'logLevel':
      return checkLogLevel(k, s);
    case 'name':
    case 'configMapName':
      if (s.length <= 253 && DNS1123_SUBDOMAIN.test(s)) return ok;
      return bad('expected a Kubernetes object name (lowercase letters, digits, - and .)', DNS1123_SUBDOMAIN.test(s.trim().toLowerCase()) ? s.trim().toLowerCase() : undefined);
    case 'hostPort': {
      const m = /^(.+):(\d+)$/.exec(s);
      if (m && isPort(m[2]) && !/\s/.test(m[1])) return ok;
      return bad('expected host:port');
    }
    case 'image':
      if (s.trim() && !/\s/.test(s)) return ok;
      return bad('expected a container image reference', s.trim() && !/\s/.test(s.trim()) ? s.trim() : undefined);
    default:
      // string, commaList, interfaceList: free text.
      return ok;
  }
}

function suggestEnum(allowed: readonly string[], s: string): string | undefined {
  const t = s.trim();
  const ci = allowed.find((v) => v.toLowerCase() === t.toLowerCase());
  if (ci) return ci;
  // A boolean where the enum says enabled/disabled (linkerd.io/inject: "true").
  const b = boolish(t);
  if (b !== undefined) {
    if (b && allowed.includes('enabled')) return 'enabled';
    if (!b && allowed.includes('disabled')) return 'disabled';
  }
  let best: string | undefined;
  let bestD = 3;
  let tie = false;
  for (const v of allowed) {
    const d = editDistance(t.toLowerCase(), v.toLowerCase(), 2);
    if (d < bestD) {
      best = v;
      bestD = d;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return tie ? undefined : best;
}

function suggestQuantity(s: string): string | undefined {
  let t = s.trim().replace(/\s+/g, '');
  t = t.replace(/([KMGTPE])iB$/i, (_, u: string) => `${u.toUpperCase()}i`).replace(/^(\d+\.?\d*)(ki|mi|gi|ti)$/, (_, n: string, u: string) => `${n}${u[0].toUpperCase()}i`);
  t = t.replace(/^(\d+\.?\d*)(KB|kb|Kb)$/, '$1k').replace(/^(\d+\.?\d*)([MGTPE])B$/, '$1$2');
  return QUANTITY_RE.test(t) && t !== s ? t : undefined;
}

/**
 * The check for a raw YAML value: a non-string (YAML bool, number) is rejected by the Kubernetes API
 * whatever the key, and its suggestion is the valid string spelling of what was written.
 */
export function validateRawValue(k: MeshKey, raw: unknown): ValueCheck & { nonString?: string } {
  if (typeof raw === 'string') return validateValue(k, raw);
  const text = scalarText(raw);
  if (text === undefined) return ok; // null (empty) or a structure: not ours to judge here
  const inner = validateValue(k, text);
  const what = typeof raw === 'boolean' ? 'a boolean' : 'a number';
  return { ok: false, nonString: what, reason: `${what}, but label and annotation values must be strings`, suggestion: inner.ok ? text : inner.suggestion };
}

/** The obvious valid spelling of a value for a key, if any (`"yes"` -> `"true"`, linkerd.io/inject `true` -> `"enabled"`). */
export function suggestValue(k: MeshKey, raw: unknown): string | undefined {
  const r = validateRawValue(k, raw);
  return r.ok ? undefined : r.suggestion;
}

/**
 * Ports whose servers speak first or that Linkerd proxies as opaque by default (protocol detection
 * would wait for the client and time out): Linkerd's default opaque list plus NATS, FTP, POP3, IMAP.
 */
export const SERVER_FIRST_PORTS: Readonly<Record<number, string>> = {
  21: 'FTP',
  25: 'SMTP',
  110: 'POP3',
  143: 'IMAP',
  587: 'SMTP submission',
  3306: 'MySQL',
  4222: 'NATS',
  4444: 'Galera',
  5432: 'PostgreSQL',
  6222: 'NATS cluster',
  6379: 'Redis',
  9300: 'Elasticsearch transport',
  11211: 'Memcached',
};

/** Container port names that say the port serves one of those protocols on a non-standard number. */
export const SERVER_FIRST_PORT_NAME = /^(mysql|postgres|postgresql|pg|redis|memcache|memcached|nats|smtp|galera)(-|$)/i;

/** Ports and names a Linkerd opaque/skip port list covers. */
export function parsePortList(value: string): { covers(port: number, name?: string): boolean } {
  const ranges: [number, number][] = [];
  const names = new Set<string>();
  for (const raw of value.split(',')) {
    const x = raw.trim();
    if (!x) continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(x);
    if (m) ranges.push([Number(m[1]), Number(m[2] ?? m[1])]);
    else names.add(x);
  }
  return { covers: (port, name) => ranges.some(([a, b]) => port >= a && port <= b) || (!!name && names.has(name)) };
}
