// A single-file Kubernetes JSON Schema for yaml-language-server, from the same OpenAPI spec Daytwo
// uses: Daytwo's generated schemas/kubernetes/v1.35/schema.json when present, else the swagger in
// ../shared/k8s. Each kind is selected with if/then on apiVersion + kind (precise, and the cheapest
// form for a validator: no oneOf over 300 alternatives).

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

function fromDaytwo(file) {
  const s = JSON.parse(fs.readFileSync(file, 'utf8'));
  const table = JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'kinds.json'), 'utf8')).kinds;
  const kinds = Object.entries(table).map(([key, def]) => {
    const slash = key.lastIndexOf('/');
    return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1), def };
  });
  return { kinds, definitions: s.definitions, source: path.relative(process.cwd(), file) };
}

function fromSwagger(file) {
  const swagger = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
  const definitions = swagger.definitions;
  const kinds = [];
  for (const [def, schema] of Object.entries(definitions)) {
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      if (!schema.properties?.kind || !schema.properties?.apiVersion) continue;
      kinds.push({ apiVersion: gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version, kind: gvk.kind, def });
    }
  }
  // Both forms are valid YAML for these two: the swagger only says "string".
  definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
  return { kinds, definitions, source: path.relative(process.cwd(), file) };
}

/** Writes the schema to `out` and returns where its definitions came from. */
export function writeSchema(out, repoRoot) {
  const daytwo = path.join(repoRoot, 'schemas/kubernetes/v1.35/schema.json');
  const swagger = path.resolve(repoRoot, '../shared/k8s/swagger-v1.35.0.json.gz');
  const alt = '/work/shared/k8s/swagger-v1.35.0.json.gz';
  const src = fs.existsSync(daytwo) ? fromDaytwo(daytwo) : fromSwagger(fs.existsSync(swagger) ? swagger : alt);
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes 1.35 (generated for the Daytwo benchmark)',
    type: 'object',
    allOf: src.kinds.map((k) => ({
      if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${k.def}` },
    })),
    definitions: src.definitions,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(schema));
  return { source: src.source, kinds: src.kinds.length };
}
