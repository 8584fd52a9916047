/**
 * Every Kubernetes object of the workspace (CLI: of the files given), for cross-resource rules.
 * Lookups are by kind and namespace. Each file's contribution has a signature (what other objects'
 * rules can observe of it), so an edit that changes nothing observable does not re-check dependants.
 */

import { fingerprint } from './hash';
import { asDict, isDict, stringMap, type K8sObject } from './object';

/** Kinds that live outside namespaces: looked up cluster-wide. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'RuntimeClass', 'PriorityClass', 'IngressClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'APIService',
  'CertificateSigningRequest', 'ClusterIssuer', 'PodSecurityPolicy',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export interface CrdVersion {
  group: string;
  kind: string;
  version: string;
  schema?: unknown;
  crd: K8sObject;
}

export class WorkspaceIndex {
  private readonly byUri = new Map<string, K8sObject[]>();
  private byKind?: Map<string, K8sObject[]>;
  /** `kind\u0000namespace` -> objects, filled on demand: lookups stay O(1) in a 10,000-app workspace. */
  private byKindNs?: Map<string, K8sObject[]>;
  /** The first object of each name in a list `ofKind` returned (lists are rebuilt when the index changes). */
  private byName?: WeakMap<K8sObject[], Map<string, K8sObject>>;
  private crdMap?: Map<string, CrdVersion>;
  /** Bumps whenever an observable fact changes; caches of dependants key on it. */
  generation = 0;
  /** Bumps only when CustomResourceDefinitions change (schema validation depends on them). */
  crdGeneration = 0;
  /** Per kind: bumps when an object of that kind appears, disappears or changes. */
  private readonly kindVersions = new Map<string, number>();
  /** While a cross-resource rule runs: the kinds it looks up ('*' for "everything"). */
  private recorder?: Set<string>;

  /**
   * Runs `fn` recording which kinds it reads, so a cross-resource finding can be reused until an
   * object of one of those kinds changes: an edit to a Deployment does not re-check every Service.
   */
  track<T>(deps: Set<string>, fn: () => T): T {
    const outer = this.recorder;
    this.recorder = deps;
    try {
      return fn();
    } finally {
      this.recorder = outer;
      if (outer) for (const d of deps) outer.add(d);
    }
  }

  /** The current version of each dependency, to store next to a cached result. */
  versionsOf(deps: Iterable<string>): [string, number][] {
    return [...deps].map((k) => [k, k === '*' ? this.generation : this.kindVersions.get(k) ?? 0]);
  }

  /** True while none of the recorded dependencies changed. */
  unchanged(versions: readonly [string, number][]): boolean {
    for (const [k, v] of versions) if ((k === '*' ? this.generation : this.kindVersions.get(k) ?? 0) !== v) return false;
    return true;
  }

  private bumpKinds(before: readonly string[], after: readonly string[]) {
    // Multiset difference of the signatures: only kinds whose objects really changed are bumped.
    const counts = new Map<string, number>();
    for (const s of before) counts.set(s, (counts.get(s) ?? 0) + 1);
    const changed = new Set<string>();
    for (const s of after) {
      const n = counts.get(s) ?? 0;
      if (n > 0) counts.set(s, n - 1);
      else changed.add(kindOfSignature(s));
    }
    for (const [s, n] of counts) if (n > 0) changed.add(kindOfSignature(s));
    for (const k of changed) this.bumpKind(k);
  }

  private bumpKind(kind: string) {
    this.kindVersions.set(kind, (this.kindVersions.get(kind) ?? 0) + 1);
  }

  /** Replaces a file's objects. Returns true when something other objects' rules can see changed. */
  setFile(uri: string, objects: K8sObject[]): boolean {
    const before = this.byUri.get(uri);
    this.byUri.set(uri, objects);
    if (!before) {
      // A new file: every kind it brings is new, so no signatures are needed (the CLI and the
      // workspace scan set each file once; signatures are computed when a file is set again).
      if (!objects.length) return false;
      for (const kind of new Set(objects.map((o) => o.kind))) this.bumpKind(kind);
      this.invalidate(objects.some(isCrd));
      return true;
    }
    const sigsBefore = before.map(cachedSignature);
    const sigs = objects.map(cachedSignature);
    if (sigs.length === sigsBefore.length && sigs.every((s, i) => s === sigsBefore[i])) return false;
    this.bumpKinds(sigsBefore, sigs);
    this.invalidate(before.some(isCrd) || objects.some(isCrd));
    return true;
  }

  private memos?: Map<string, unknown>;

  /**
   * Caches what a cross-resource rule derives from the whole index (per namespace, per kind...) until
   * the index next changes: without it a rule that scans a namespace for each Service is quadratic.
   * Keys are namespaced by the caller (`'<rule-id>:<ns>'`).
   */
  memo<T>(key: string, compute: () => T): T {
    this.recorder?.add('*');
    this.memos ??= new Map();
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = compute();
    this.memos.set(key, v);
    return v;
  }

  private kindMemos?: Map<string, { versions: [string, number][]; value: unknown }>;

  /**
   * Like `memo`, for what is derived from objects of the given kinds only: the caller depends on
   * those kinds, not on the whole index, and the value lives until one of them changes.
   */
  memoByKinds<T>(key: string, kinds: readonly string[], compute: () => T): T {
    for (const k of kinds) this.recorder?.add(k);
    this.kindMemos ??= new Map();
    const hit = this.kindMemos.get(key);
    if (hit && this.unchanged(hit.versions)) return hit.value as T;
    const value = compute();
    this.kindMemos.set(key, { versions: this.versionsOf(kinds), value });
    return value;
  }

  /** Every object whose effective namespace is `ns` (cluster-scoped kinds included only if they say so). */
  inNamespace(ns: string): K8sObject[] {
    const byNs = this.memo('\u0000byNamespace', () => {
      const m = new Map<string, K8sObject[]>();
      for (const o of this.all()) {
        const list = m.get(o.effectiveNamespace);
        if (list) list.push(o);
        else m.set(o.effectiveNamespace, [o]);
      }
      return m;
    });
    return byNs.get(ns) ?? [];
  }

  /** The objects a file contributes (none for patches, kustomizations and skipped files). */
  objectsOf(uri: string): readonly K8sObject[] {
    this.recorder?.add('*');
    return this.byUri.get(uri) ?? [];
  }

  /** Puts files in this order (the rest after): lookups then list objects as a sequential load would. */
  reorder(uris: readonly string[]): void {
    const before = new Map(this.byUri);
    this.byUri.clear();
    for (const u of uris) {
      const objs = before.get(u);
      if (objs) this.byUri.set(u, objs);
    }
    for (const [u, objs] of before) if (!this.byUri.has(u)) this.byUri.set(u, objs);
    // Order is observable (first match wins in some lookups): every cached dependant is stale.
    for (const [k, v] of this.kindVersions) this.kindVersions.set(k, v + 1);
    this.generation++;
    this.byKind = undefined;
    this.byKindNs = undefined;
    this.memos = undefined;
    this.crdMap = undefined;
  }

  removeFile(uri: string): boolean {
    const before = this.byUri.get(uri);
    if (!before) return false;
    this.byUri.delete(uri);
    if (!before.length) return false;
    for (const kind of new Set(before.map((o) => o.kind))) this.bumpKind(kind);
    this.invalidate(before.some(isCrd));
    return true;
  }

  private invalidate(crds: boolean) {
    this.generation++;
    this.byKind = undefined;
    this.byKindNs = undefined;
    this.memos = undefined;
    if (crds) {
      this.crdGeneration++;
      this.crdMap = undefined;
    }
  }

  get size(): number {
    let n = 0;
    for (const objs of this.byUri.values()) n += objs.length;
    return n;
  }

  *all(): Iterable<K8sObject> {
    this.recorder?.add('*');
    for (const objs of this.byUri.values()) yield* objs;
  }

  uris(): Iterable<string> {
    return this.byUri.keys();
  }

  /** Objects of a kind; in a namespace unless the kind is cluster-scoped or `namespace` is omitted. */
  ofKind(kind: string, namespace?: string): K8sObject[] {
    this.recorder?.add(kind);
    if (!this.byKind) {
      const m = new Map<string, K8sObject[]>();
      for (const objs of this.byUri.values()) for (const o of objs) {
        const list = m.get(o.kind);
        if (list) list.push(o);
        else m.set(o.kind, [o]);
      }
      this.byKind = m;
    }
    const list = this.byKind.get(kind) ?? [];
    if (namespace === undefined || isClusterScoped(kind)) return list;
    this.byKindNs ??= new Map();
    const key = `${kind}\u0000${namespace}`;
    let inNs = this.byKindNs.get(key);
    if (!inNs) {
      inNs = list.filter((o) => o.effectiveNamespace === namespace);
      this.byKindNs.set(key, inNs);
    }
    return inNs;
  }

  /** Does the workspace define any object of this kind (in this namespace)? Gates "not found" rules. */
  has(kind: string, namespace?: string): boolean {
    return this.ofKind(kind, namespace).length > 0;
  }

  find(kind: string, namespace: string | undefined, name: string): K8sObject | undefined {
    const list = this.ofKind(kind, namespace);
    // By name, built once per list and index state: a rule may look up one object for each of thousands.
    this.byName ??= new WeakMap();
    let names = this.byName.get(list);
    if (!names) {
      names = new Map();
      for (const o of list) if (!names.has(o.name)) names.set(o.name, o);
      this.byName.set(list, names);
    }
    return names.get(name);
  }

  /** CustomResourceDefinitions by `group/Kind`, with the schema of their storage (or first served) version. */
  crds(): Map<string, CrdVersion> {
    if (!this.crdMap) {
      const m = new Map<string, CrdVersion>();
      for (const crd of this.ofKind('CustomResourceDefinition')) {
        const spec = crd.spec;
        const group = typeof spec.group === 'string' ? spec.group : '';
        const kind = typeof asDict(spec.names).kind === 'string' ? String(asDict(spec.names).kind) : '';
        if (!group || !kind) continue;
        const versions = Array.isArray(spec.versions) ? spec.versions.filter(isDict) : [];
        for (const v of versions) {
          if (typeof v.name !== 'string') continue;
          const schema = asDict(asDict(v.schema).openAPIV3Schema);
          m.set(`${group}/${v.name}/${kind}`, { group, kind, version: v.name, schema: Object.keys(schema).length ? schema : undefined, crd });
        }
        // Older CRDs (apiextensions v1beta1) keep one schema for all versions.
        const legacy = asDict(asDict(spec.validation).openAPIV3Schema);
        if (typeof spec.version === 'string' && !versions.length) {
          m.set(`${group}/${spec.version}/${kind}`, { group, kind, version: spec.version, schema: Object.keys(legacy).length ? legacy : undefined, crd });
        }
      }
      this.crdMap = m;
    }
    return this.crdMap;
  }

  crdFor(group: string, version: string, kind: string): CrdVersion | undefined {
    return this.crds().get(`${group}/${version}/${kind}`);
  }

  /** Is `group`/`kind` defined by any CRD in the workspace (any version)? */
  definesKind(group: string, kind: string): boolean {
    for (const c of this.crds().values()) if (c.group === group && c.kind === kind) return true;
    return false;
  }
}

function isCrd(o: K8sObject): boolean {
  return o.kind === 'CustomResourceDefinition';
}

function kindOfSignature(sig: string): string {
  const a = sig.indexOf('\u0001');
  return sig.slice(a + 1, sig.indexOf('\u0001', a + 1));
}

/** Objects are immutable once built (an edit makes new ones), so each one's signature is computed once. */
const signatures = new WeakMap<K8sObject, string>();
function cachedSignature(o: K8sObject): string {
  let s = signatures.get(o);
  if (s === undefined) {
    // Kept as a fingerprint (with the kind readable): the full JSON would double the index's memory.
    const full = signature(o);
    const a = full.indexOf('\u0001');
    const b = full.indexOf('\u0001', a + 1);
    s = `${full.slice(0, b)}\u0001${fingerprint(full)}`;
    signatures.set(o, s);
  }
  return s;
}

/**
 * What rules on other objects may observe of an object. Cross-resource rules read kinds, names,
 * namespaces, labels, selectors, ports, storage facts and the like: these are all in `spec`,
 * `metadata` and a few top-level fields, so the signature is the object minus status and the
 * volatile annotation `kubectl.kubernetes.io/last-applied-configuration`.
 */
function signature(o: K8sObject): string {
  const meta = { ...o.metadata };
  delete meta.managedFields;
  const annotations = stringMap(meta.annotations);
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  meta.annotations = annotations;
  const { status: _status, ...rest } = o.value;
  return `${o.apiVersion}\u0001${o.kind}\u0001${JSON.stringify({ ...rest, metadata: meta })}`;
}
