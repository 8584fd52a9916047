/**
 * Converts a CustomResourceDefinition's openAPIV3Schema (a structural OpenAPI v3 schema) into a
 * draft-07 JSON Schema for ajv, the way the API server reads it: objects with declared properties
 * reject unknown fields unless `x-kubernetes-preserve-unknown-fields`; `x-kubernetes-int-or-string`
 * accepts an integer or a string; `x-kubernetes-embedded-resource` objects carry apiVersion, kind
 * and metadata; the custom resource's own `metadata` is always ObjectMeta, whatever the CRD says.
 */

import { isDict, type Dict } from '../engine/object';
import type { JsonSchema } from './data';

const COPY = ['enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', 'minProperties', 'maxProperties'];
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

function validPattern(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

function convert(s: unknown, depth: number): JsonSchema {
  if (!isDict(s) || depth > 64) return {};
  if (s['x-kubernetes-int-or-string'] === true) return { type: ['integer', 'string'] };
  const out: JsonSchema = {};
  if (typeof s.type === 'string' && TYPES.has(s.type)) out.type = s.type;
  for (const k of COPY) {
    const v = s[k];
    if ((v !== undefined && typeof v !== 'object') || (k === 'enum' && Array.isArray(v))) out[k] = v;
  }
  if (Array.isArray(out.enum)) out.enum = (out.enum as unknown[]).filter((v) => v !== null);
  if (typeof s.pattern === 'string' && validPattern(s.pattern)) out.pattern = s.pattern;
  // OpenAPI v3.0 / draft-04 boolean exclusive bounds.
  if (s.exclusiveMinimum === true && typeof s.minimum === 'number') {
    out.exclusiveMinimum = s.minimum;
    delete out.minimum;
  }
  if (s.exclusiveMaximum === true && typeof s.maximum === 'number') {
    out.exclusiveMaximum = s.maximum;
    delete out.maximum;
  }
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (isDict(s.properties)) {
    const props: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(s.properties)) props[k] = convert(v, depth + 1);
    if (s['x-kubernetes-embedded-resource'] === true) {
      props.apiVersion ??= { type: 'string' };
      props.kind ??= { type: 'string' };
      props.metadata = {};
    }
    out.properties = props;
  }
  if (isDict(s.items)) out.items = convert(s.items, depth + 1);
  if (isDict(s.additionalProperties)) out.additionalProperties = convert(s.additionalProperties, depth + 1);
  else if (typeof s.additionalProperties === 'boolean') out.additionalProperties = s.additionalProperties;
  else if (out.properties && !preserve) out.additionalProperties = false;
  if (preserve) delete out.additionalProperties;
  if (Array.isArray(s.required)) {
    const req = s.required.filter((r): r is string => typeof r === 'string');
    if (req.length) out.required = req;
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[k])) out[k] = (s[k] as unknown[]).map((x) => convertBranch(x, depth + 1));
  }
  if (isDict(s.not)) out.not = convertBranch(s.not, depth + 1);
  return out;
}

/**
 * anyOf/oneOf/allOf/not branches of a structural schema are value validations only: they never add
 * fields, so they must not close objects (no additionalProperties: false from them).
 */
function convertBranch(s: unknown, depth: number): JsonSchema {
  const c = convert(s, depth);
  const open = (x: JsonSchema) => {
    if (x.additionalProperties === false) delete x.additionalProperties;
    for (const p of Object.values(x.properties ?? {})) open(p);
    if (x.items) open(x.items);
  };
  open(c);
  return c;
}

/** The custom resource's schema, with ObjectMeta (by `$ref`) for metadata. */
export function convertCrdSchema(schema: object, objectMetaRef: string): JsonSchema {
  const root = convert(schema as Dict, 0);
  const props = root.properties ?? {};
  props.apiVersion = { type: 'string' };
  props.kind = { type: 'string' };
  props.metadata = { $ref: objectMetaRef };
  root.properties = props;
  root.type = 'object';
  const declared = isDict((schema as Dict).properties);
  if (!declared && root.additionalProperties === false) delete root.additionalProperties;
  return root;
}
