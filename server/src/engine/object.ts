/** A Kubernetes object found in a YAML document, with the accessors every rule needs. */

import type { Document } from 'yaml';
import type { ObjectRef } from './types';

export type Dict = Record<string, unknown>;

export function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function asDict(v: unknown): Dict {
  return isDict(v) ? v : {};
}
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Reads a nested value by path, tolerating any shape on the way. */
export function get(root: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isDict(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

/** Reads a string-valued map (labels, annotations, selectors), dropping non-string values. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isDict(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

export class K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  readonly version: string;

  constructor(
    /** The document as plain data. */
    readonly value: Dict,
    /** File it came from. */
    readonly uri: string,
    /** Index of its YAML document in the file. */
    readonly docIndex: number,
    /** The YAML AST, for locating ranges; dropped for closed files and re-parsed on demand. */
    public doc?: Document,
  ) {
    this.apiVersion = String(value.apiVersion);
    this.kind = String(value.kind);
    const slash = this.apiVersion.indexOf('/');
    this.group = slash === -1 ? '' : this.apiVersion.slice(0, slash);
    this.version = slash === -1 ? this.apiVersion : this.apiVersion.slice(slash + 1);
  }

  get metadata(): Dict {
    return asDict(this.value.metadata);
  }
  get spec(): Dict {
    return asDict(this.value.spec);
  }
  get name(): string {
    return asString(this.metadata.name) ?? asString(this.metadata.generateName) ?? '';
  }
  /** The namespace as written, if any. */
  get namespace(): string | undefined {
    return asString(this.metadata.namespace);
  }
  /**
   * The namespace the object lands in when applied without `-n`: how cross-resource rules match.
   * Kept once read (an object never changes): the index groups tens of thousands of objects by it.
   */
  get effectiveNamespace(): string {
    return (this.cachedNamespace ??= this.namespace || 'default');
  }
  private cachedNamespace?: string;
  get labels(): Record<string, string> {
    return stringMap(this.metadata.labels);
  }
  get annotations(): Record<string, string> {
    return stringMap(this.metadata.annotations);
  }
  /** A short human name: `Deployment/web`. */
  get display(): string {
    return `${this.kind}/${this.name || '<unnamed>'}`;
  }
  /** One shared reference per object: every finding on it carries the same one. */
  ref(): ObjectRef {
    if (this.cachedRef) return this.cachedRef;
    const r: ObjectRef = { apiVersion: this.apiVersion, kind: this.kind, name: this.name };
    if (this.namespace) r.namespace = this.namespace;
    return (this.cachedRef = r);
  }
  private cachedRef?: ObjectRef;
}
