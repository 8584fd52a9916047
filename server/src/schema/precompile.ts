/**
 * Build-time precompilation of the built-in kinds' validators (run by scripts/build.mjs into
 * dist/k8s-validators/; never at run time). Compiling one kind's ajv validator costs hundreds of
 * milliseconds; loading its precompiled code costs a few.
 *
 * The same ajv instance (same options, same definitions) as the runtime fallback compiles every
 * built-in definition with `code.source`; its functions (one per definition, `inlineRefs: false`)
 * are then written as CommonJS modules, split so that loading one kind loads only what that kind
 * reaches:
 *   - an entry module per kind (a kind and its `...List` share one), holding the functions no other
 *     kind reaches (Pod's PodStatus tree, Service's ServiceSpec, ...);
 *   - shared modules, one per set of kinds reaching the same functions (the PodSpec tree shared by
 *     every workload, ObjectMeta shared by all). A function only calls functions reached by a
 *     superset of its kinds, so modules import only modules of strictly larger sets: no cycles.
 * Each module is `module.exports = (D, R) => ({...})`: D holds the definitions the module refers to
 * (verbose errors' `schema`/`parentSchema` point into them, as with runtime compilation), R(name)
 * loads another module. Only errors read D (see inlinePropertyNames), so the definitions are not
 * copied into the code but written beside it, `<module>.defs.json`, which the server parses when one
 * of the module's values is first invalid: a 2 KiB file, not the 270 KiB schema.json. index.json
 * maps each definition to its module and function and records the hash of schema.json it was built
 * from.
 */

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { kubernetesKinds, kubernetesSchemas, schemaHash, type JsonSchema } from './data';
import { PRECOMPILED_FORMAT, createAjv, refTo, type PrecompiledIndex } from './validate';

interface Fn {
  name: string;
  /** The definition it validates (its top schema), for naming shared modules. */
  def?: string;
  /** The definitions its verbose errors refer to. */
  defs: Set<string>;
  code: string;
  /** Declarations of the scope values it uses (patterns, helpers, schema references). */
  values: Map<string, string>;
  deps: Set<string>;
  kinds: Set<string>;
}

interface Source {
  validateName: unknown;
  validateCode: string;
  scopeValues: Record<string, Set<{ value?: { ref?: unknown; code?: unknown } }> | undefined>;
}

export interface PrecompileResult {
  files: number;
  bytes: number;
  skipped: boolean;
}

/** A short file name for a definition: `apps.v1.Deployment`, `meta.v1.ObjectMeta`. */
function shortName(def: string): string {
  return def
    .replace(/^io\.k8s\.api\./, '')
    .replace(/^io\.k8s\.apimachinery\.pkg\.(apis\.)?/, '')
    .replace(/^io\.k8s\.apiextensions-apiserver\.pkg\.apis\./, '')
    .replace(/^io\.k8s\.kube-aggregator\.pkg\.apis\./, '')
    .replace(/[^\w.-]/g, '_');
}

/**
 * ajv checks the keys of an object with many properties as `hasOwnProperty.call(schemaN.properties,
 * key)`: the one place where a valid value reads its schema. The property names are written into the
 * module instead (a Set), so that only errors refer to the definitions, which the server then parses
 * on first need (validate.ts, lazyDefinitions).
 */
function inlinePropertyNames(fn: Fn, schemas: Map<string, unknown>): string {
  return fn.code.replace(/\b\w+\.call\((schema\d+)\.properties, (\w+)\)/g, (call, schema: string, key: string) => {
    const properties = (schemas.get(schema) as JsonSchema | undefined)?.properties;
    if (!properties) throw new Error(`precompile: ${call} refers to a schema without properties`);
    fn.values.set(`${schema}Keys`, `new Set(${JSON.stringify(Object.keys(properties))})`);
    return `${schema}Keys.has(${key})`;
  });
}

/**
 * Writes the precompiled validators to `outDir` (emptied first). `only` limits them to some
 * definitions (tests); `minify` shrinks each module (the build passes esbuild's); `stamp` is recorded in index.json, and when index.json already records the
 * same stamp and schema hash nothing is rebuilt.
 */
export function precompileValidators(outDir: string, opts: { only?: string[]; stamp?: string; minify?: (code: string) => string } = {}): PrecompileResult {
  const kinds = kubernetesKinds();
  const { definitions } = kubernetesSchemas();
  const stamp = opts.stamp ?? '';
  const indexFile = path.join(outDir, 'index.json');
  if (stamp && !opts.only && fs.existsSync(indexFile)) {
    try {
      const old = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as PrecompiledIndex;
      if (old.stamp === stamp && old.schemaHash === schemaHash() && old.format === PRECOMPILED_FORMAT) {
        return { files: 0, bytes: 0, skipped: true };
      }
    } catch {
      // rebuild
    }
  }

  const defs = [...new Set(opts.only ?? Object.values(kinds))].sort();
  const defNames = new Map<unknown, string>(Object.entries(definitions).map(([k, v]) => [v, k]));
  const ajv = createAjv(true);
  const roots = new Map<string, ValidateFunction>();
  for (const d of defs) {
    const v = ajv.getSchema(refTo(d));
    if (!v) throw new Error(`cannot compile ${d}`);
    roots.set(d, v);
  }

  const fns = new Map<string, Fn>();
  const visit = (src: Source | undefined): string => {
    if (!src) throw new Error('ajv: validator without source code (code.source off?)');
    const name = String(src.validateName);
    if (fns.has(name)) return name;
    const fn: Fn = { name, code: src.validateCode, values: new Map(), deps: new Set(), kinds: new Set(), defs: new Set() };
    fns.set(name, fn);
    const schemas = new Map<string, unknown>();
    for (const [prefix, names] of Object.entries(src.scopeValues)) {
      for (const n of names ?? []) {
        const id = String(n);
        const ref = n.value?.ref;
        if (prefix === 'validate') {
          if (typeof ref !== 'function') throw new Error(`unexpected validate reference ${id}`);
          fn.deps.add(visit((ref as ValidateFunction).source as Source | undefined));
        } else if (prefix === 'schema') {
          schemas.set(id, ref);
          const def = defNames.get(ref);
          fn.def ??= def;
          if (def !== undefined) fn.defs.add(def);
          fn.values.set(id, def !== undefined ? `D[${JSON.stringify(def)}]` : JSON.stringify(ref));
        } else if (n.value?.code !== undefined) {
          fn.values.set(id, String(n.value.code));
        } else {
          throw new Error(`unexpected scope value ${id}`);
        }
      }
    }
    fn.code = inlinePropertyNames(fn, schemas);
    return name;
  };
  const rootNames = new Map<string, string>();
  for (const [d, v] of roots) rootNames.set(d, visit(v.source as Source | undefined));

  // A kind and its List share an entry.
  const defSet = new Set(defs);
  const entryOf = (d: string) => (d.endsWith('List') && defSet.has(d.slice(0, -4)) ? d.slice(0, -4) : d);
  for (const d of defs) {
    const entry = entryOf(d);
    const stack = [rootNames.get(d)!];
    const seen = new Set<string>();
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      const fn = fns.get(n)!;
      fn.kinds.add(entry);
      stack.push(...fn.deps);
    }
  }

  // Modules: one per set of entries.
  const moduleOf = new Map<string, string>();
  const members = new Map<string, Fn[]>();
  const sharedIds = new Map<string, string>();
  const sortedFns = [...fns.values()].sort((a, b) => Number(a.name.replace(/\D/g, '')) - Number(b.name.replace(/\D/g, '')));
  for (const fn of sortedFns) {
    const set = [...fn.kinds].sort();
    let mod: string;
    if (set.length === 1) mod = shortName(set[0]);
    else {
      const key = set.join(',');
      let id = sharedIds.get(key);
      if (!id) {
        // Named after the definition of its first function (deterministic: compiled in sorted order).
        const base = `shared-${shortName(fn.def ?? String(sharedIds.size))}`;
        id = base;
        for (let i = 2; [...sharedIds.values()].includes(id); i++) id = `${base}-${i}`;
        sharedIds.set(key, id);
      }
      mod = id;
    }
    moduleOf.set(fn.name, mod);
    const list = members.get(mod) ?? [];
    list.push(fn);
    members.set(mod, list);
  }

  // Written to a fresh folder, then swapped in: concurrent builds never leave a mix of two outputs.
  const final = outDir;
  outDir = `${final}.tmp-${process.pid}`;
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const exported = new Set<string>(rootNames.values());
  for (const fn of fns.values()) for (const d of fn.deps) if (moduleOf.get(d) !== moduleOf.get(fn.name)) exported.add(d);
  let bytes = 0;
  for (const [mod, list] of [...members].sort(([a], [b]) => a.localeCompare(b))) {
    const imports = new Map<string, Set<string>>();
    const values = new Map<string, string>();
    const moduleDefs = new Set<string>();
    for (const fn of list) {
      for (const d of fn.defs) moduleDefs.add(d);
      for (const d of fn.deps) {
        const m = moduleOf.get(d)!;
        if (m === mod) continue;
        const s = imports.get(m) ?? new Set();
        s.add(d);
        imports.set(m, s);
      }
      for (const [k, v] of fn.values) values.set(k, v);
    }
    let code = '"use strict";\n// Generated by scripts/build.mjs (server/src/schema/precompile.ts) from schemas/kubernetes: do not edit.\nmodule.exports = function (D, R) {\n';
    for (const [m, names] of [...imports].sort(([a], [b]) => a.localeCompare(b))) code += `const {${[...names].join(', ')}} = R(${JSON.stringify(m)});\n`;
    for (const [k, v] of [...values].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) code += `const ${k} = ${v};\n`;
    for (const fn of list) code += fn.code + '\n';
    code += `return {${list.filter((f) => exported.has(f.name)).map((f) => f.name).join(', ')}};\n};\n`;
    if (opts.minify) code = opts.minify(code);
    fs.writeFileSync(path.join(outDir, `${mod}.js`), code);
    const defsText = JSON.stringify(Object.fromEntries([...moduleDefs].sort().map((d) => [d, definitions[d]])));
    fs.writeFileSync(path.join(outDir, `${mod}.defs.json`), defsText);
    bytes += Buffer.byteLength(code) + Buffer.byteLength(defsText);
  }
  const index: PrecompiledIndex = {
    format: PRECOMPILED_FORMAT,
    schemaHash: schemaHash(),
    stamp,
    entries: Object.fromEntries(defs.map((d) => [d, [moduleOf.get(rootNames.get(d)!)!, rootNames.get(d)!]])),
  };
  const indexText = JSON.stringify(index) + '\n';
  fs.writeFileSync(path.join(outDir, 'index.json'), indexText);
  bytes += Buffer.byteLength(indexText);
  for (let attempt = 0; ; attempt++) {
    fs.rmSync(final, { recursive: true, force: true });
    try {
      fs.renameSync(outDir, final);
      break;
    } catch (e) {
      if (attempt >= 3) throw e; // another build recreated it in between: retry
    }
  }
  return { files: members.size + 1, bytes, skipped: false };
}

/** A stamp of the generator's own code: a changed generator rebuilds. */
export function stampOf(...files: string[]): string {
  const h = crypto.createHash('sha1');
  for (const f of files) h.update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}
