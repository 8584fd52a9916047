/**
 * Precompiled validators (server/src/schema/precompile.ts, built into dist/k8s-validators) must give
 * exactly the errors of validators compiled at run time: same ajv errors, same problems, on valid and
 * invalid manifests. The test generates its own precompiled modules (for the fixtures' kinds) into a
 * temporary folder, and also checks the build's dist/k8s-validators when it exists.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { definitionFor, kubernetesKinds, kubernetesSchemas } from '../../server/src/schema/data';
import { precompileValidators } from '../../server/src/schema/precompile';
import { builtinValidator, createAjv, refTo, usePrecompiledValidators, validateWith, validatorSource } from '../../server/src/schema/validate';
import { tempDir } from '../tempDir';

const repo = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(repo, 'test', 'schema', 'fixtures');
const distDir = path.join(repo, 'dist', 'k8s-validators');
const tmp = tempDir('daytwo-validators-');
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  usePrecompiledValidators(null);
});

interface Sample {
  where: string;
  def: string;
  group: string;
  version: string;
  kind: string;
  value: unknown;
}

function samples(sub: 'valid' | 'invalid'): Sample[] {
  const out: Sample[] = [];
  const dir = path.join(fixtures, sub);
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    const docs = parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'));
    docs.forEach((d, i) => {
      const value = d.toJS() as { apiVersion?: string; kind?: string } | null;
      if (!value?.apiVersion || !value.kind) return;
      const [group, version] = value.apiVersion.includes('/') ? value.apiVersion.split('/') : ['', value.apiVersion];
      const def = definitionFor(group, version, value.kind);
      if (def) out.push({ where: `${sub}/${f}#${i}`, def, group, version, kind: value.kind, value });
    });
  }
  return out;
}
const valid = samples('valid');
const invalid = samples('invalid');
const all = [...valid, ...invalid];

// The runtime compiler, independent of the module's cache and of any precompiled folder.
const runtimeAjv = createAjv();
function runtime(def: string): ValidateFunction {
  const v = runtimeAjv.getSchema(refTo(def));
  assert.ok(v, def);
  return v;
}

/** ajv's raw errors with the verbose schema references replaced by their content. */
function rawErrors(v: ValidateFunction, value: unknown): unknown[] {
  // validateWith works on a null-prototype copy without null values; do the same for the raw run.
  const data = JSON.parse(JSON.stringify(value, (_k, x: unknown) => (x === null ? undefined : x))) as unknown;
  v(data);
  return ((v.errors ?? []) as ErrorObject[]).map((e) => ({ ...e, schema: JSON.stringify(e.schema), parentSchema: JSON.stringify(e.parentSchema) }));
}

function compareWith(dir: string, list: Sample[]): number {
  usePrecompiledValidators(dir);
  let problems = 0;
  for (const s of list) {
    assert.equal(validatorSource(s.def), 'precompiled', `${s.where}: ${s.def} is not precompiled in ${dir}`);
    const pre = builtinValidator(s.group, s.version, s.kind);
    assert.ok(pre, s.where);
    const rt = runtime(s.def);
    assert.notEqual(pre, rt);
    for (const isPatch of [false, true]) {
      const a = validateWith(pre, s.value, { isPatch });
      const b = validateWith(rt, s.value, { isPatch });
      assert.deepEqual(a, b, `${s.where} (isPatch ${isPatch})`);
      problems += a.length;
    }
    assert.deepEqual(rawErrors(pre, s.value), rawErrors(rt, s.value), `${s.where}: raw ajv errors`);
  }
  return problems;
}

test('the fixtures cover many kinds, and every invalid document has a schema problem', () => {
  assert.ok(new Set(all.map((s) => s.def)).size >= 20, `only ${new Set(all.map((s) => s.def)).size} kinds`);
  assert.ok(invalid.length >= 15, `${invalid.length} invalid documents`);
  usePrecompiledValidators(null);
  for (const s of invalid) {
    const v = builtinValidator(s.group, s.version, s.kind);
    assert.ok(v, s.where);
    if (s.kind === 'List') continue; // kubectl's generic List is valid as written
    assert.notDeepEqual(validateWith(v, s.value), [], s.where);
  }
});

test('precompiled validators (generated for the fixtures\' kinds) give the same errors as runtime-compiled ones', () => {
  const only = [...new Set(all.map((s) => s.def))];
  const r = precompileValidators(tmp, { only });
  assert.equal(r.skipped, false);
  assert.ok(fs.existsSync(path.join(tmp, 'index.json')));
  const problems = compareWith(tmp, all);
  assert.ok(problems > 50, `only ${problems} problems compared`);
  // Valid manifests: no problem either way.
  usePrecompiledValidators(tmp);
  for (const s of valid) assert.deepEqual(validateWith(builtinValidator(s.group, s.version, s.kind)!, s.value), [], s.where);
});

test('one kind\'s module loads only the modules it reaches', () => {
  precompileValidators(tmp, { only: ['io.k8s.api.apps.v1.Deployment', 'io.k8s.api.core.v1.Service', 'io.k8s.api.core.v1.ConfigMap'] });
  const files = fs.readdirSync(tmp);
  assert.ok(files.includes('apps.v1.Deployment.js'), files.join(' '));
  assert.ok(files.includes('core.v1.Service.js'), files.join(' '));
  // ObjectMeta is shared by all three: in a shared module, not copied.
  const meta = files.filter((f) => fs.readFileSync(path.join(tmp, f), 'utf8').includes('"#/properties/managedFields/type"'));
  assert.equal(meta.length, 1, `ObjectMeta's code is in ${meta.join(', ')}`);
  assert.match(meta[0], /^shared-/);
  const service = fs.readFileSync(path.join(tmp, 'core.v1.Service.js'), 'utf8');
  assert.doesNotMatch(service, /PodSpec|containers/);
  assert.doesNotMatch(service, /require\(/, 'modules load each other through the loader only');
});

test('without precompiled modules, or with modules built from another schema.json, validators are compiled at run time', () => {
  usePrecompiledValidators(path.join(tmp, 'does-not-exist'));
  assert.equal(validatorSource('io.k8s.api.core.v1.ConfigMap'), 'runtime');
  const v = builtinValidator('', 'v1', 'ConfigMap');
  assert.ok(v);
  assert.deepEqual(validateWith(v, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 1 } }).map((p) => p.keyword), ['type']);

  const stale = path.join(tmp, '..', `${path.basename(tmp)}-stale`);
  precompileValidators(stale, { only: ['io.k8s.api.core.v1.ConfigMap'] });
  const index = JSON.parse(fs.readFileSync(path.join(stale, 'index.json'), 'utf8')) as { schemaHash: string };
  index.schemaHash = '0'.repeat(40);
  fs.writeFileSync(path.join(stale, 'index.json'), JSON.stringify(index));
  usePrecompiledValidators(stale);
  assert.equal(validatorSource('io.k8s.api.core.v1.ConfigMap'), 'runtime');
  fs.rmSync(stale, { recursive: true, force: true });
});

test('the build\'s dist/k8s-validators: every built-in kind, same errors as runtime compilation', (t) => {
  if (!fs.existsSync(path.join(distDir, 'index.json'))) {
    t.skip('dist/k8s-validators not built (npm run build)');
    return;
  }
  usePrecompiledValidators(distDir);
  const kinds = kubernetesKinds();
  for (const def of new Set(Object.values(kinds))) assert.equal(validatorSource(def), 'precompiled', def);
  compareWith(distDir, all);
  // An empty object of every kind: the same "required" problems both ways.
  for (const key of Object.keys(kinds)) {
    const [group, version, kind] = key.split('/');
    const obj = { apiVersion: group ? `${group}/${version}` : version, kind, metadata: { name: 'x' }, spec: {} };
    const def = kinds[key];
    assert.deepEqual(validateWith(builtinValidator(group, version, kind)!, obj), validateWith(runtime(def), obj), key);
  }
});

test('no built-in schema names a property of Object.prototype (validation skips the null-prototype copy for them)', () => {
  const reserved = new Set(Object.getOwnPropertyNames(Object.prototype));
  const seen: string[] = [];
  const walk = (s: unknown): void => {
    if (Array.isArray(s)) return s.forEach(walk);
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) if (reserved.has(k)) seen.push(k);
    for (const v of Object.values(o)) walk(v);
  };
  walk(kubernetesSchemas().definitions);
  assert.deepEqual(seen, []);
});

test('an object with a __proto__ key, nulls or patch directives validates like its cleaned copy', () => {
  usePrecompiledValidators(null);
  const v = builtinValidator('', 'v1', 'ConfigMap')!;
  const value = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":null},"data":{"__proto__":"1","a":null},"__proto__":{"b":2}}') as unknown;
  const problems = validateWith(v, value);
  assert.deepEqual(problems.map((p) => `${p.keyword} ${p.path.join('.')}`), ['additionalProperties __proto__']);
  assert.deepEqual(validateWith(runtime('io.k8s.api.core.v1.ConfigMap'), value), problems);
});

test('precompiled validators read definitions only for an invalid value, and only their module\'s', (t) => {
  if (!fs.existsSync(path.join(distDir, 'index.json'))) {
    t.skip('dist/k8s-validators not built (npm run build)');
    return;
  }
  // A fresh process: what has been read is decided once per process. Text reads are what gets parsed
  // (schema.json is also hashed, from its bytes).
  const validate = require.resolve('../../server/src/schema/validate');
  const script = `
    const fs = require('node:fs'); const path = require('node:path');
    const read = fs.readFileSync; const parsed = [];
    fs.readFileSync = (file, opts) => { const name = path.basename(String(file)); if (opts && /^schema\\.json$|\\.defs\\.json$/.test(name)) parsed.push(name); return read(file, opts); };
    const { builtinValidator, usePrecompiledValidators, validateWith } = require(${JSON.stringify(validate)});
    usePrecompiledValidators(${JSON.stringify(distDir)});
    const deployment = (spec) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }, ...spec } });
    const v = builtinValidator('apps', 'v1', 'Deployment');
    const valid = validateWith(v, deployment({}));
    const afterValid = [...parsed];
    const invalid = validateWith(v, deployment({ replicaz: 2 }));
    const again = validateWith(v, deployment({ replicaz: 3 }));
    console.log(JSON.stringify({ valid: valid.length, afterValid, invalid: invalid.map((p) => p.message), again: again.length, parsed }));`;
  const r = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { valid: number; afterValid: string[]; invalid: string[]; again: number; parsed: string[] };
  assert.equal(r.valid, 0);
  assert.deepEqual(r.afterValid, [], 'a valid Deployment needs no definitions');
  // The misspelt field's suggestion comes from the schema's properties, read through the lazy reference.
  assert.equal(r.invalid.length, 1);
  assert.match(r.invalid[0], /spec\.replicaz .*did you mean replicas\?/);
  assert.equal(r.again, 1);
  assert.deepEqual(r.parsed, ['apps.v1.Deployment.defs.json'], 'the errors parsed their module\'s definitions, once, and not schema.json');
});
