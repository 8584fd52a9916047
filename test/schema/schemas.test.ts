import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { kubernetesKinds, kubernetesSchemas, kubernetesDescriptions } from '../../server/src/schema/data';
import { QUANTITY_PATTERN, builtinValidator, validateWith } from '../../server/src/schema/validate';

const repo = path.resolve(__dirname, '..', '..', '..');
const swaggerPath = path.resolve(repo, '..', 'shared', 'k8s', 'swagger-v1.35.0.json.gz');

test('every built-in kind of the Kubernetes 1.35 OpenAPI document has a schema', (t) => {
  if (!fs.existsSync(swaggerPath)) {
    t.skip(`${swaggerPath} not present`);
    return;
  }
  const swagger = JSON.parse(zlib.gunzipSync(fs.readFileSync(swaggerPath)).toString('utf8')) as {
    definitions: Record<string, { 'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[] }>;
  };
  const kinds = kubernetesKinds();
  const { definitions } = kubernetesSchemas();
  let n = 0;
  for (const [name, def] of Object.entries(swagger.definitions)) {
    const gvks = def['x-kubernetes-group-version-kind'] ?? [];
    for (const g of gvks) {
      const key = `${g.group}/${g.version}/${g.kind}`;
      assert.ok(kinds[key], `missing kind ${key}`);
      if (gvks.length === 1) assert.equal(kinds[key], name);
      n++;
    }
    assert.ok(definitions[name], `missing definition ${name}`);
  }
  assert.ok(n >= 193, `only ${n} kinds in the spec?`);
});

test('the generated schema and the validator agree on the Quantity grammar', () => {
  assert.equal(kubernetesSchemas().definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'].pattern, QUANTITY_PATTERN);
  const re = new RegExp(QUANTITY_PATTERN);
  for (const ok of ['1', '500m', '1Gi', '0.5', '1.5Gi', '+1', '-1', '1e3', '1E-3', '.5', '100M', '2Ti', '1k', '3n', '7u']) assert.ok(re.test(ok), ok);
  for (const bad of ['1GB', '1gi', 'Gi', '', '1 Gi', '1e3M', '1.2.3', 'one', '1K']) assert.ok(!re.test(bad), bad);
});

test('every built-in kind compiles, and an empty object of each kind gets only "required" problems', () => {
  const kinds = kubernetesKinds();
  for (const key of Object.keys(kinds)) {
    const [group, version, kind] = key.split('/');
    const v = builtinValidator(group, version, kind);
    assert.ok(v, key);
    if (kind === 'WatchEvent') continue; // an API response envelope, not an object with apiVersion/kind
    const obj: Record<string, unknown> = { apiVersion: group ? `${group}/${version}` : version, kind };
    // Discovery documents (APIGroup, Status, ...) have no metadata; lists have ListMeta.
    if (kubernetesSchemas().definitions[kinds[key]].properties?.metadata) obj.metadata = kind.endsWith('List') || kind === 'Status' ? { resourceVersion: '1' } : { name: 'x' };
    const problems = validateWith(v, obj);
    for (const p of problems) assert.equal(p.keyword, 'required', `${key}: ${p.message}`);
  }
});

test('a Deployment validator compiles quickly enough to build on first use', () => {
  // Compiled once per process and cached; the budget is generous for a shared 2-core machine.
  const v = builtinValidator('apps', 'v1', 'Deployment');
  assert.ok(v);
  const again = builtinValidator('apps', 'v1', 'Deployment');
  assert.equal(v, again, 'validators are cached');
});

test('descriptions are kept for hovers, out of the validation schema', () => {
  const d = kubernetesDescriptions();
  assert.match(d['io.k8s.api.apps.v1.DeploymentSpec'].replicas, /Number of desired pods/);
  assert.equal(JSON.stringify(kubernetesSchemas().definitions['io.k8s.api.apps.v1.DeploymentSpec']).includes('description'), false);
});
