/**
 * Validates objects against the Kubernetes OpenAPI schemas (built-in kinds) or a workspace CRD's
 * openAPIV3Schema (custom resources), and turns ajv's errors into one problem per mistake, placed at
 * the key or value that is wrong, with the field path spelled the way kubectl explains it.
 *
 * Built-in kinds' validators are precompiled at build time (precompile.ts -> dist/k8s-validators/,
 * one module per kind plus modules shared by kinds): loading a Deployment's takes a few
 * milliseconds instead of ~150-200 ms of ajv compilation. Without them (tests run from out/, or a
 * schema.json they were not built from) a kind's validator is compiled lazily at first use by an ajv
 * instance with the same options, so both give the same errors, explained by the same code below.
 * ajv itself is only loaded when something has to be compiled (a CRD, or the fallback).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type Ajv from 'ajv';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { closest } from '../engine/config';
import { isDict } from '../engine/object';
import type { Path, Target } from '../engine/types';
import { definitionFor, kubernetesSchemas, schemaHash, type JsonSchema } from './data';
import { convertCrdSchema } from './crd';
import { requireCached } from '../boot/codeCache';

export const QUANTITY_PATTERN = '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?$';
const BYTE_PATTERN = '^[A-Za-z0-9+/=\\s]*$';
const K8S_ID = 'k8s';

export interface SchemaProblem {
  path: Path;
  target: Target;
  message: string;
  keyword: string;
  /** For an unknown field close to a known one: the known name. */
  suggestion?: string;
}

const AJV_OPTIONS: Options = { allErrors: true, strict: false, validateFormats: false, verbose: true, inlineRefs: false };

/**
 * An ajv instance holding every Kubernetes definition under `k8s#/definitions/...`. `source` keeps
 * the generated code (precompile.ts); otherwise the options are the same as the runtime fallback's.
 */
export function createAjv(source = false): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AjvClass = (require('ajv') as typeof import('ajv')).default;
  const a = new AjvClass({ ...AJV_OPTIONS, ...(source ? { code: { source: true } } : {}) });
  a.addSchema({ $id: K8S_ID, definitions: kubernetesSchemas().definitions });
  return a;
}

let ajv: Ajv | undefined;
function instance(): Ajv {
  ajv ??= createAjv();
  return ajv;
}

export function refTo(defName: string): string {
  return `${K8S_ID}#/definitions/${defName}`;
}

/** Bumped when the layout of the precompiled modules changes. */
export const PRECOMPILED_FORMAT = 2;
export interface PrecompiledIndex {
  format: number;
  /** schemaHash() of the schema.json the modules were generated from. */
  schemaHash: string;
  /** Hash of the generator (build.mjs skips regeneration when unchanged). */
  stamp: string;
  /** Definition name -> [module, exported function]. */
  entries: Record<string, [string, string]>;
}
type Factory = (definitions: Record<string, JsonSchema>, load: (module: string) => Record<string, ValidateFunction>) => Record<string, ValidateFunction>;
interface Precompiled {
  dir: string;
  index: PrecompiledIndex;
  modules: Map<string, Record<string, ValidateFunction>>;
}

let precompiledDir: string | null = path.join(__dirname, 'k8s-validators');
let precompiledState: Precompiled | null | undefined;

/**
 * Where the precompiled validators are (default: `k8s-validators/` next to the bundle, that is
 * dist/k8s-validators); null compiles every kind at run time. Clears the cached validators.
 */
export function usePrecompiledValidators(dir: string | null): void {
  precompiledDir = dir;
  precompiledState = undefined;
  builtinCache.clear();
}

function precompiled(): Precompiled | null {
  if (precompiledState !== undefined) return precompiledState;
  precompiledState = null;
  if (!precompiledDir) return null;
  try {
    const index = JSON.parse(fs.readFileSync(path.join(precompiledDir, 'index.json'), 'utf8')) as PrecompiledIndex;
    // Built from another schema.json (a stale dist/): compile at run time instead.
    if (index.format === PRECOMPILED_FORMAT && index.schemaHash === schemaHash()) precompiledState = { dir: precompiledDir, index, modules: new Map() };
  } catch {
    // not built: compile at run time
  }
  return precompiledState;
}

function loadModule(p: Precompiled, name: string): Record<string, ValidateFunction> {
  let m = p.modules.get(name);
  if (!m) {
    const factory = requireCached(path.join(p.dir, `${name}.js`)) as Factory;
    m = factory(lazyDefinitions(() => moduleDefinitions(p, name)), (n) => loadModule(p, n));
    p.modules.set(name, m);
  }
  return m;
}

/**
 * The definitions as a precompiled module receives them. A module holds a reference to each schema
 * it checks against, for verbose errors' `schema` and `parentSchema`, and reads it only when a value
 * is invalid. Each reference here loads `source` (the module's `.defs.json`) on first use, so a
 * workspace of valid manifests parses no definitions, and an error parses only its module's.
 */
function lazyDefinitions(source: () => Record<string, JsonSchema>): Record<string, JsonSchema> {
  let loaded: Record<string, JsonSchema> | undefined;
  const definition = (name: string): JsonSchema => (loaded ??= source())[name] ?? {};
  return new Proxy({}, { get: (_, name) => (typeof name === 'string' ? lazySchema(() => definition(name)) : undefined) });
}
function lazySchema(real: () => JsonSchema): JsonSchema {
  // The target stays empty: every question is answered by the real schema (whose properties are all
  // configurable, as the proxy invariants require).
  return new Proxy({} as JsonSchema, {
    get: (_, key) => Reflect.get(real(), key),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

/** The definitions a precompiled module refers to (written beside it); all of schema.json's if that file is missing. */
function moduleDefinitions(p: Precompiled, name: string): Record<string, JsonSchema> {
  try {
    return JSON.parse(fs.readFileSync(path.join(p.dir, `${name}.defs.json`), 'utf8')) as Record<string, JsonSchema>;
  } catch {
    return kubernetesSchemas().definitions;
  }
}

/** The precompiled validator of a definition, if built; undefined otherwise (or if it fails to load). */
function precompiledValidator(def: string): ValidateFunction | undefined {
  const p = precompiled();
  const entry = p?.index.entries[def];
  if (!p || !entry) return undefined;
  try {
    return loadModule(p, entry[0])[entry[1]];
  } catch {
    return undefined;
  }
}

/** Where a definition's validator comes from (tests, logs). */
export function validatorSource(def: string): 'precompiled' | 'runtime' {
  return precompiledValidator(def) ? 'precompiled' : 'runtime';
}

const builtinCache = new Map<string, ValidateFunction>();
const builtinFns = new WeakSet<ValidateFunction>();
/** The validator of a built-in kind (precompiled, else compiled now), or undefined when Kubernetes does not serve it. */
export function builtinValidator(group: string, version: string, kind: string): ValidateFunction | undefined {
  const def = definitionFor(group, version, kind);
  if (!def) return undefined;
  let v = builtinCache.get(def);
  if (!v) {
    v = precompiledValidator(def) ?? instance().getSchema(refTo(def));
    if (!v) return undefined;
    builtinCache.set(def, v);
    builtinFns.add(v);
  }
  return v;
}

const crdCache = new WeakMap<object, ValidateFunction | null>();
/** The compiled validator of a CRD version's openAPIV3Schema; null when the schema cannot be compiled. */
export function crdValidator(schema: object): ValidateFunction | null {
  const cached = crdCache.get(schema);
  if (cached !== undefined) return cached;
  let v: ValidateFunction | null = null;
  const converted = convertCrdSchema(schema, refTo('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'));
  try {
    const a = instance();
    v = a.compile(converted);
    // Keep the compiled function but not ajv's cache entry: CRDs are re-parsed on every edit.
    a.removeSchema(converted);
  } catch {
    v = null;
  }
  crdCache.set(schema, v);
  return v;
}

export interface ValidateOptions {
  /** A kustomize patch: partial, so missing required fields are fine and `$patch` directives allowed. */
  isPatch?: boolean;
}

/** Runs a validator on an object's data and explains the errors. */
export function validateWith(validate: ValidateFunction, value: unknown, opts: ValidateOptions = {}): SchemaProblem[] {
  const data = prepare(value, !!opts.isPatch, builtinFns.has(validate));
  if (validate(data)) return [];
  return explain(validate.errors ?? [], data, opts);
}

/**
 * Kubernetes' decoder treats `null` as "unset", so null-valued keys are dropped before validation
 * (`annotations:` left empty is not a type error). In patches, strategic-merge directives (`$patch`,
 * `$setElementOrder/...`, `$retainKeys`, `$deleteFromPrimitiveList/...`) are dropped too.
 */
function prepare(v: unknown, isPatch: boolean, builtin: boolean): unknown {
  return builtin && clean(v, isPatch) ? v : copy(v, isPatch);
}

/**
 * True when nothing needs dropping (the usual case: no copy, no garbage). Only for built-in kinds:
 * their schemas name no property of Object.prototype (a test checks), so an ordinary object validates
 * as its null-prototype copy would; a CRD may declare `constructor` or `toString`.
 */
function clean(v: unknown, isPatch: boolean): boolean {
  if (Array.isArray(v)) {
    for (const x of v) if (!clean(x, isPatch)) return false;
    return true;
  }
  if (!isDict(v)) return true;
  // An own `__proto__` key is copied to a null-prototype object, where it is an ordinary field.
  if (Object.getPrototypeOf(v) !== null && Object.prototype.hasOwnProperty.call(v, '__proto__')) return false;
  for (const k in v) {
    const x = v[k];
    if (x === null || x === undefined || (isPatch && k.startsWith('$')) || !clean(x, isPatch)) return false;
  }
  return true;
}

function copy(v: unknown, isPatch: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => copy(x, isPatch));
  if (!isDict(v)) return v;
  // Null prototype: a `__proto__` key stays an ordinary (unknown) field.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === undefined) continue;
    if (isPatch && k.startsWith('$')) continue;
    out[k] = copy(x, isPatch);
  }
  return out;
}

/** YAML 1.1 booleans: Kubernetes' YAML decoder reads these as true/false, the YAML 1.2 parser as strings. */
const YAML11_BOOLS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

function toPath(instancePath: string, data: unknown): (string | number)[] {
  if (!instancePath) return [];
  const out: (string | number)[] = [];
  let cur: unknown = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = isDict(cur) ? cur[seg] : undefined;
    }
  }
  return out;
}

/** `spec.template.spec.containers[0].imagePullPolicy`, `metadata.annotations["prometheus.io/port"]`. */
export function fieldPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s || 'the object';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
function typeOfValue(v: unknown): string {
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'null';
  if (isDict(v)) return 'mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
function typeName(t: string): string {
  return t === 'object' ? 'mapping' : t === 'array' ? 'list' : t;
}
/** Where values may be credentials: messages never quote them (findings end up in CI logs and SARIF). */
const SENSITIVE_KEYS = new Set(['env', 'data', 'stringData', 'binaryData', 'annotations', 'args', 'command', 'value']);

function shortValue(v: unknown, at: readonly (string | number)[] = []): string {
  if (isDict(v) || Array.isArray(v)) return '';
  if (at.some((k) => typeof k === 'string' && SENSITIVE_KEYS.has(k))) return '';
  const s = JSON.stringify(v);
  return ` (${s.length > 40 ? s.slice(0, 37) + '...' : s})`;
}

function explain(errors: ErrorObject[], data: unknown, opts: ValidateOptions): SchemaProblem[] {
  // anyOf/oneOf report every failed branch as well; keep the summary only.
  const composite = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath + '/');
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of errors) {
    if (composite.some((c) => e.schemaPath.startsWith(c))) continue;
    if (opts.isPatch && e.keyword === 'required') continue;
    const p = problem(e, data);
    if (!p) continue;
    const key = `${p.path.join('\u0000')}|${p.keyword}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  // A value with the wrong type often also fails its enum or pattern: one finding per value.
  const typed = new Set(out.filter((p) => p.keyword === 'type').map((p) => p.path.join('\u0000')));
  return out.filter((p) => p.keyword === 'type' || !typed.has(p.path.join('\u0000')) || p.target === 'key');
}

function problem(e: ErrorObject, data: unknown): SchemaProblem | undefined {
  const path = toPath(e.instancePath, data);
  const at = fieldPath(path);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema as JsonSchema | undefined)?.properties ?? {});
      const suggestion = closest(extra, known);
      return {
        path: [...path, extra],
        target: 'key',
        keyword: e.keyword,
        suggestion,
        message: `${fieldPath([...path, extra])} is not a field Kubernetes knows here${suggestion ? ` (did you mean ${suggestion}?)` : ''}: the API server rejects unknown fields under strict validation and older clients drop them silently.`,
      };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        path: path.length ? path : ['kind'],
        target: 'key',
        keyword: e.keyword,
        message: `${at} is missing the required field ${missing}: the API server rejects the object without it.`,
      };
    }
    case 'type': {
      const expected = String(params.type).split(',');
      if (expected.includes('boolean') && typeof e.data === 'string' && YAML11_BOOLS.test(e.data)) return undefined;
      const want = expected.map(typeName).map(article).join(' or ');
      return { path, target: 'value', keyword: e.keyword, message: `${at} must be ${want}, not ${article(typeOfValue(e.data))}${shortValue(e.data, path)}.` };
    }
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).filter((v) => v !== '').map(String);
      return { path, target: 'value', keyword: e.keyword, message: `${at} must be one of ${allowed.join(', ')}${shortValue(e.data, path).replace(/^ \(/, ', not ').replace(/\)$/, '')}.` };
    }
    case 'pattern': {
      if (params.pattern === QUANTITY_PATTERN) {
        return { path, target: 'value', keyword: e.keyword, message: `${at} is not a valid quantity${shortValue(e.data, path)}: write a number with an optional unit suffix such as 500m, 250M or 1Gi (binary units are Ki, Mi, Gi, Ti; there is no "B").` };
      }
      if (params.pattern === BYTE_PATTERN) {
        return { path, target: 'value', keyword: e.keyword, message: `${at} must be base64-encoded: put plain text under stringData instead.` };
      }
      return { path, target: 'value', keyword: e.keyword, message: `${at} must match the pattern ${String(params.pattern)}${shortValue(e.data, path)}.` };
    }
    case 'anyOf':
    case 'oneOf':
      return { path, target: 'value', keyword: e.keyword, message: `${at} does not match any of the forms its schema allows${shortValue(e.data, path)}.` };
    default:
      return { path, target: path.length ? 'value' : 'key', keyword: e.keyword, message: `${at} ${e.message ?? 'is invalid'}${shortValue(e.data, path)}.` };
  }
}
