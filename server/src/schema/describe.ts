/**
 * Field descriptions for hovers: the field under the cursor, looked up in the OpenAPI schema of the
 * object's kind (or its workspace CRD's openAPIV3Schema), as markdown with the field's type.
 */

import type { Document, Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../engine/yamlLibrary';
import { isDict, type K8sObject } from '../engine/object';
import type { WorkspaceIndex } from '../engine/workspaceIndex';
import { definitionFor, kubernetesDescriptions, kubernetesSchemas, refName, type JsonSchema } from './data';
import { fieldPath } from './validate';

type Seg = string | number;

/** The data path of the key or scalar value at `offset` (relative to the document's text). */
export function pathAt(doc: Document, offset: number): Seg[] | undefined {
  const out: Seg[] = [];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < 200; depth++) {
    if (isMap(node)) {
      let next: unknown;
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const k = p.key as Node | null;
        const key = isScalar(k) ? String(k.value) : undefined;
        if (key === undefined) continue;
        if (k?.range && offset >= k.range[0] && offset <= k.range[1]) return [...out, key];
        const v = p.value as Node | null;
        if (v?.range && offset >= v.range[0] && offset <= v.range[1]) {
          out.push(key);
          if (isScalar(v)) return out;
          next = v;
          break;
        }
      }
      if (next === undefined) return out.length ? out : undefined;
      node = next;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => {
        const r = (it as Node | null)?.range;
        return !!r && offset >= r[0] && offset <= r[1];
      });
      if (i < 0) return out;
      out.push(i);
      const item = node.items[i];
      if (isScalar(item)) return out;
      node = item;
    } else return out.length ? out : undefined;
  }
  return out;
}

interface FieldInfo {
  description?: string;
  type: string;
}

function defShort(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** A type label for a built-in schema node: `integer`, `[]Container`, `map[string]string`, `Probe`. */
function typeLabel(s: JsonSchema | undefined): string {
  if (!s) return 'any';
  if (s.$ref) {
    const name = refName(s.$ref);
    if (name.endsWith('intstr.IntOrString')) return 'integer or string';
    if (name.endsWith('resource.Quantity')) return 'quantity (number or string like 500m, 1Gi)';
    if (name.endsWith('meta.v1.Time') || name.endsWith('meta.v1.MicroTime')) return 'time (RFC 3339 string)';
    return `${defShort(name)} (object)`;
  }
  if (Array.isArray(s.type)) return s.type.join(' or ');
  if (s.type === 'array') return `[]${typeLabel(s.items).replace(/ \(object\)$/, '')}`;
  if (s.type === 'object' && isDict(s.additionalProperties)) return `map[string]${typeLabel(s.additionalProperties as JsonSchema).replace(/ \(object\)$/, '')}`;
  if (s.enum) return `${s.type ?? 'string'}: one of ${s.enum.filter((v) => v !== '').join(', ')}`;
  return String(s.type ?? 'any');
}

function resolve(s: JsonSchema | undefined): { schema?: JsonSchema; def?: string } {
  if (s?.$ref) {
    const def = refName(s.$ref);
    return { schema: kubernetesSchemas().definitions[def], def };
  }
  return { schema: s };
}

function builtinField(defName: string, path: Seg[]): FieldInfo | undefined {
  const defs = kubernetesSchemas().definitions;
  const descs = kubernetesDescriptions();
  let cur: JsonSchema | undefined = defs[defName];
  let def: string | undefined = defName;
  let info: FieldInfo | undefined;
  for (const seg of path) {
    if (!cur) return undefined;
    let next: JsonSchema | undefined;
    let description: string | undefined;
    if (typeof seg === 'number') {
      next = cur.items;
      if (!next) return undefined;
      description = info?.description;
    } else if (cur.properties?.[seg]) {
      next = cur.properties[seg];
      description = def ? descs[def]?.[seg] : undefined;
    } else if (isDict(cur.additionalProperties)) {
      next = cur.additionalProperties as JsonSchema;
      description = info?.description;
    } else return undefined;
    info = { description: description ?? (next.$ref ? descs[refName(next.$ref)]?.[''] : undefined), type: typeLabel(next) };
    const r = resolve(next);
    cur = r.schema;
    def = r.def;
  }
  return info;
}

function crdField(schema: unknown, path: Seg[]): FieldInfo | undefined {
  let cur: unknown = schema;
  let info: FieldInfo | undefined;
  if (path[0] === 'metadata') return builtinField('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', path.slice(1)) ?? { type: 'ObjectMeta (object)', description: kubernetesDescriptions()['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']?.[''] };
  for (const seg of path) {
    if (!isDict(cur)) return undefined;
    let next: unknown;
    if (typeof seg === 'number') next = cur.items;
    else if (isDict(cur.properties) && isDict(cur.properties[seg])) next = cur.properties[seg];
    else if (isDict(cur.additionalProperties)) next = cur.additionalProperties;
    if (!isDict(next)) return undefined;
    const t = next['x-kubernetes-int-or-string'] ? 'integer or string' : next.type === 'array' && isDict(next.items) ? `[]${String(next.items.type ?? 'any')}` : String(next.type ?? 'any');
    info = { description: typeof next.description === 'string' ? next.description : typeof seg === 'number' ? info?.description : undefined, type: Array.isArray(next.enum) ? `${t}: one of ${next.enum.join(', ')}` : t };
    cur = next;
  }
  return info;
}

/** Markdown for the field at `offset`, or undefined when there is none (not a known field). */
export function describeFieldAt(obj: K8sObject, doc: Document, offset: number, index?: WorkspaceIndex): string | undefined {
  const path = pathAt(doc, offset);
  if (!path?.length) return undefined;
  let info: FieldInfo | undefined;
  try {
    const def = definitionFor(obj.group, obj.version, obj.kind);
    if (def) info = builtinField(def, path);
    else {
      const crd = index?.crdFor(obj.group, obj.version, obj.kind);
      if (crd?.schema) info = crdField(crd.schema, path);
    }
  } catch {
    return undefined;
  }
  if (!info) return undefined;
  return `**${fieldPath(path)}** \`${info.type}\`${info.description ? `\n\n${info.description}` : ''}`;
}
