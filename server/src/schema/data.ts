/**
 * The generated Kubernetes schemas (schemas/kubernetes/v1.35, made by scripts/generate-schemas.mjs).
 * They are read from disk on first use, not bundled: the extension ships `schemas/` next to `dist/`,
 * the CLI runs from the repository, and the compiled tests live in `out/`; all three find the folder
 * by walking up from this module. Nothing is read at start-up.
 */

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SCHEMA_VERSION = '1.35';
const REL = path.join('schemas', 'kubernetes', `v${SCHEMA_VERSION}`);

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  $ref?: string;
  [k: string]: unknown;
}

export interface KubernetesSchemas {
  version: string;
  definitions: Record<string, JsonSchema>;
}

/** Definition name -> field -> description ('' is the type's own description). */
export type Descriptions = Record<string, Record<string, string>>;

let dir: string | undefined;
function schemaDir(): string {
  if (dir) return dir;
  let cur = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(cur, REL);
    if (fs.existsSync(path.join(candidate, 'schema.json'))) return (dir = candidate);
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  throw new Error(`Daytwo's Kubernetes schemas (${REL}) were not found next to ${__dirname}; reinstall or rebuild Daytwo.`);
}

/** `group/version/Kind` (group empty for the core API) -> definition name, of every served kind (kinds.json). */
let kinds: Record<string, string> | undefined;
export function kubernetesKinds(): Record<string, string> {
  kinds ??= (JSON.parse(fs.readFileSync(path.join(schemaDir(), 'kinds.json'), 'utf8')) as { kinds: Record<string, string> }).kinds;
  return kinds;
}

let schemas: KubernetesSchemas | undefined;
export function kubernetesSchemas(): KubernetesSchemas {
  schemas ??= JSON.parse(fs.readFileSync(path.join(schemaDir(), 'schema.json'), 'utf8')) as KubernetesSchemas;
  return schemas;
}

/**
 * SHA-1 of schema.json: precompiled validators are used only when built from the same file. Hashed
 * from the bytes, without parsing them: a server with precompiled validators never needs the
 * definitions until a schema error does.
 */
let hash: string | undefined;
export function schemaHash(): string {
  hash ??= crypto.createHash('sha1').update(fs.readFileSync(path.join(schemaDir(), 'schema.json'))).digest('hex');
  return hash;
}

let descriptions: Descriptions | undefined;
export function kubernetesDescriptions(): Descriptions {
  descriptions ??= JSON.parse(fs.readFileSync(path.join(schemaDir(), 'descriptions.json'), 'utf8')) as Descriptions;
  return descriptions;
}

/** The definition name of a built-in kind, if Kubernetes serves it. */
export function definitionFor(group: string, version: string, kind: string): string | undefined {
  return kubernetesKinds()[`${group}/${version}/${kind}`];
}

export const REF_PREFIX = '#/definitions/';
export function refName(ref: string): string {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
}
