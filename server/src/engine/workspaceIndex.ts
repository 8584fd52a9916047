/**
 * Every Kubernetes object of the workspace (CLI: of the files given), for cross-resource rules.
 * Lookups are by kind and namespace. Each file's contribution has a signature (what other objects'
 * rules can observe of it), so an edit that changes nothing observable does not re-check dependants.
 *
 * Dependencies, recorded while a rule runs and versioned so its findings can be reused:
 *   `Kind`               objects of a kind anywhere (a cluster-wide lookup, or a cluster-scoped kind);
 *   `Kind\u0000ns`        objects of a kind in one namespace;
 *   `*\u0000ns`           every object of one namespace;
 *   `*`                  everything.
 *   `\u0002namespaces`   which namespaces have objects (see `namespaces`);
 *   `\u0001key`          a memo (see `memo`): bumps only when its recomputed value differs.
 * A changed object bumps its kind, its kind in its namespace and its namespace, so an edit to a
 * Deployment re-checks what reads Deployments of that namespace, not every Service of the workspace.
 */

import { fingerprint } from './hash';
import { OrderedGroups } from './orderedGroups';
import { asDict, isDict, stringMap, type K8sObject } from './object';

/** Kinds that live outside namespaces: looked up cluster-wide. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'RuntimeClass', 'PriorityClass', 'IngressClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'APIService',
  'CertificateSigningRequest', 'ClusterIssuer', 'PodSecurityPolicy',
]);

/** First character of a memo's dependency key (kinds and namespaces never contain it). */
const MEMO_MARK = 1;
/** The dependency on which namespaces have objects. */
const NAMESPACE_SET = '\u0002namespaces';

interface Memo {
  compute: () => unknown;
  equal: (a: unknown, b: unknown) => boolean;
  /** What `compute` read, at the versions it read. */
  versions: [string, number][];
  value: unknown;
  /** The generation at which the value was last known current; -1 before the first computation. */
  checkedAt: number;
}

/** What a cached result read (see WorkspaceIndex.reads). */
export interface Reads {
  readonly versions: readonly [string, number][];
  /** The generation `current` was last found in. */
  checkedAt: number;
  current: boolean;
}

/** The list of a kind the workspace has none of: one shared, frozen instance (callers only read lists). */
const NONE: K8sObject[] = Object.freeze([]) as unknown as K8sObject[];

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
  /** Each file's place in load order (byUri's order), for the groups below. */
  private readonly rank = new Map<string, number>();
  private nextRank = 0;
  /**
   * Objects by kind, by `kind\u0000namespace` and by effective namespace, built when first read and
   * then updated file by file: lookups stay O(1) in a 10,000-app workspace, and a keystroke does not
   * regroup it.
   */
  private byKind?: OrderedGroups;
  private byKindNs?: OrderedGroups;
  private byNs?: OrderedGroups;
  /** The first object of each name in a list `ofKind` returned (lists are rebuilt when the index changes). */
  private byName?: WeakMap<K8sObject[], Map<string, K8sObject>>;
  private crdMap?: Map<string, CrdVersion>;
  /** Bumps whenever an observable fact changes (the version of the `*` dependency). */
  generation = 0;
  /** Bumps only when CustomResourceDefinitions change (schema validation depends on them). */
  crdGeneration = 0;
  /** Per dependency (see above): bumps when an object it covers appears, disappears or changes. */
  private readonly versions = new Map<string, number>();
  /** While a cross-resource rule runs: the dependencies it reads. */
  private recorder?: Set<string>;

  /**
   * Runs `fn` recording which kinds it reads, so a cross-resource finding can be reused until an
   * object of one of those kinds changes: an edit to a Deployment does not re-check every Service.
   */
  track<T>(deps: Set<string>, fn: () => T): T {
    const outer = this.recorder;
    try {
      return this.recordInto(deps, fn);
    } finally {
      if (outer) for (const d of deps) outer.add(d);
    }
  }

  /** Runs `fn` recording what it reads into `deps` only (not into an enclosing recording). */
  private recordInto<T>(deps: Set<string>, fn: () => T): T {
    const outer = this.recorder;
    this.recorder = deps;
    try {
      return fn();
    } finally {
      this.recorder = outer;
    }
  }

  /** The current version of each dependency, to store next to a cached result. */
  versionsOf(deps: Iterable<string>): [string, number][] {
    return [...deps].map((k) => [k, this.versionOf(k)]);
  }

  /**
   * What a cached result read, at the versions it read, as a `Reads` to check with `current`. Results
   * that read the same things in the same state of the index share one: the documents of a namespace
   * mostly read the same kinds and memos, so a keystroke checks each set of reads once, not each of a
   * file's hundreds of documents' own copy.
   */
  reads(deps: Iterable<string>): Reads {
    const versions = this.versionsOf(deps);
    if (this.readsAt !== this.generation) {
      this.readsAt = this.generation;
      this.sharedReads.clear();
    }
    // Versions are in the key: a memo whose computation throws is bumped on every read.
    const key = versions.map(([k, v]) => `${k}\u0002${v}`).join('\u0003');
    let r = this.sharedReads.get(key);
    if (!r) this.sharedReads.set(key, (r = { versions, checkedAt: this.generation, current: true }));
    return r;
  }

  /**
   * True while nothing `r` read changed. Checked once per state of the index (the generation bumps on
   * every change; memos are brought up to date by the check itself, so they cannot change later in
   * the same generation), and once stale, stale for good: versions only grow.
   */
  current(r: Reads): boolean {
    if (r.checkedAt === this.generation || !r.current) return r.current;
    r.current = this.unchanged(r.versions);
    r.checkedAt = this.generation;
    return r.current;
  }
  /** The Reads made in generation `readsAt`, by dependencies and versions. */
  private readonly sharedReads = new Map<string, Reads>();
  private readsAt = -1;

  private versionOf(dep: string): number {
    if (dep === '*') return this.generation;
    // A memo is brought up to date first: its version says whether its value changed.
    // An unknown memo (none are ever dropped) reads as NaN, equal to no version: its reader is stale.
    if (dep.charCodeAt(0) === MEMO_MARK && !this.memoEntry(dep)) return NaN;
    return this.versions.get(dep) ?? 0;
  }

  /** True while none of the recorded dependencies changed. */
  unchanged(versions: readonly [string, number][]): boolean {
    for (const [k, v] of versions) if (this.versionOf(k) !== v) return false;
    return true;
  }

  /**
   * Bumps what the objects that really changed cover: `removed` and `added` are paired by signature
   * (a re-created but equal object, as after a document moved, is no change).
   */
  private bumpChanged(removed: readonly K8sObject[], added: readonly K8sObject[]) {
    const counts = new Map<string, number>();
    for (const o of removed) counts.set(cachedSignature(o), (counts.get(cachedSignature(o)) ?? 0) + 1);
    const changed: K8sObject[] = [];
    for (const o of added) {
      const n = counts.get(cachedSignature(o)) ?? 0;
      if (n > 0) counts.set(cachedSignature(o), n - 1);
      else changed.push(o);
    }
    for (const o of removed) {
      const n = counts.get(cachedSignature(o)) ?? 0;
      if (n > 0) {
        counts.set(cachedSignature(o), n - 1);
        changed.push(o);
      }
    }
    this.bump(changed);
  }

  private bump(objects: readonly K8sObject[]) {
    const deps = new Set<string>();
    for (const o of objects) {
      const ns = o.effectiveNamespace;
      deps.add(o.kind).add(`${o.kind}\u0000${ns}`).add(`*\u0000${ns}`);
    }
    for (const d of deps) this.versions.set(d, (this.versions.get(d) ?? 0) + 1);
  }

  /** Replaces a file's objects. Returns true when something other objects' rules can see changed. */
  setFile(uri: string, objects: K8sObject[]): boolean {
    const before = this.byUri.get(uri);
    this.byUri.set(uri, objects);
    if (!before) {
      this.rank.set(uri, this.nextRank++);
      // A new file: every kind it brings is new, so no signatures are needed (the CLI and the
      // workspace scan set each file once; signatures are computed when a file is set again).
      if (!objects.length) return false;
      this.bump(objects);
      // Files are added in bulk (a workspace scan, the CLI): the groups are made again when next
      // read, rather than updated file after file. Edits of files already there update them.
      this.byKind = this.byKindNs = this.byNs = undefined;
      this.changed(uri, objects, [], objects);
      return true;
    }
    // An edit re-parses only the documents that changed: the others' objects are the same instances,
    // equal without computing a signature.
    if (objects.length === before.length && objects.every((o, i) => o === before[i] || cachedSignature(o) === cachedSignature(before[i]))) {
      // Nothing another object's rules can see changed, but a document that moved is a new instance
      // (with its new position): the lists hand out the current ones.
      const { lost, gained } = difference(before, objects);
      this.regroup(uri, objects, [...lost, ...gained]);
      return false;
    }
    const { lost, gained } = difference(before, objects);
    this.bumpChanged(lost, gained);
    this.changed(uri, objects, lost, gained);
    return true;
  }

  private memos?: Map<string, Memo>;

  /**
   * Caches what a rule derives from the index (per namespace, per kind...): without it a rule that
   * scans a namespace for each Service is quadratic. `compute` runs tracked: the value lives until
   * one of the dependencies it read changes. Keys are namespaced by the caller (`'<rule-id>:<ns>'`)
   * and must name every input besides the index.
   *
   * A reader depends on the memo itself, not on what the memo read. When an input changes the memo
   * is recomputed, and if `equal` finds the new value the same as the old, its readers' cached
   * findings stay valid (early cut-off): an edit to a Deployment's replicas changes no pod template,
   * so the namespace's Services are not re-checked. `equal` must compare everything a reader may
   * observe of the value (the default, Object.is, suits primitives); the new value replaces the old
   * either way.
   */
  memo<T>(key: string, compute: () => T, equal: (a: T, b: T) => boolean = Object.is): T {
    const dep = String.fromCharCode(MEMO_MARK) + key;
    this.recorder?.add(dep);
    this.memos ??= new Map();
    let entry = this.memos.get(dep);
    if (!entry) this.memos.set(dep, (entry = { compute, equal: equal as Memo['equal'], versions: [], value: undefined, checkedAt: -1 }));
    else {
      // The newest closures: the same computation, without holding on to an older call's context.
      entry.compute = compute;
      entry.equal = equal as Memo['equal'];
    }
    return this.memoEntry(dep, true)!.value as T;
  }

  /**
   * A memo brought up to date: recomputed if what it read changed, its version bumped if its value did.
   * `rethrow`: a computation that throws is the reading rule's error (reported by the engine as an
   * internal error of that rule). Checking a reader's versions outside a rule instead marks the memo
   * changed and not computed: its readers are re-run, and report it.
   */
  private memoEntry(dep: string, rethrow = false): Memo | undefined {
    const entry = this.memos?.get(dep);
    if (!entry) return undefined;
    // Nothing changed since the last check (the generation bumps on any change): a rule asks for the
    // same memo for every object of a namespace.
    if (entry.checkedAt === this.generation) return entry;
    const computed = entry.checkedAt !== -1;
    if (computed && this.unchanged(entry.versions)) {
      entry.checkedAt = this.generation;
      return entry;
    }
    // Computed on its own: what it reads is its dependency, not its reader's.
    const deps = new Set<string>();
    let value: unknown;
    let same: boolean;
    try {
      value = this.recordInto(deps, entry.compute);
      same = computed && entry.equal(entry.value, value);
    } catch (e) {
      entry.value = undefined;
      entry.checkedAt = -1;
      this.versions.set(dep, (this.versions.get(dep) ?? 0) + 1);
      if (rethrow) throw e;
      return entry;
    }
    entry.value = value;
    entry.versions = this.versionsOf(deps);
    entry.checkedAt = this.generation;
    if (!same) this.versions.set(dep, (this.versions.get(dep) ?? 0) + 1);
    return entry;
  }

  /** Every object of the index, grouped by `keyOf`, in load order. */
  private groupAll(keyOf: (o: K8sObject) => string): OrderedGroups {
    return OrderedGroups.build(keyOf, this.byUri, (uri) => this.rank.get(uri) ?? Infinity);
  }

  /** Every object whose effective namespace is `ns` (cluster-scoped kinds included only if they say so). */
  inNamespace(ns: string): K8sObject[] {
    this.recorder?.add(`*\u0000${ns}`);
    this.byNs ??= this.groupAll(namespaceOf);
    return this.byNs.get(ns) ?? NONE;
  }

  /**
   * The effective namespaces the index's objects are in, in no particular order. A reader depends on
   * the set alone: it changes when a namespace gets its first object or loses its last.
   */
  namespaces(): string[] {
    this.recorder?.add(NAMESPACE_SET);
    return [...this.perNamespace.keys()];
  }
  /** How many objects each namespace has. */
  private readonly perNamespace = new Map<string, number>();

  private countNamespaces(lost: readonly K8sObject[], gained: readonly K8sObject[]) {
    let setChanged = false;
    for (const o of gained) {
      const n = this.perNamespace.get(o.effectiveNamespace) ?? 0;
      if (n === 0) setChanged = true;
      this.perNamespace.set(o.effectiveNamespace, n + 1);
    }
    for (const o of lost) {
      const n = this.perNamespace.get(o.effectiveNamespace)! - 1;
      if (n > 0) this.perNamespace.set(o.effectiveNamespace, n);
      else {
        this.perNamespace.delete(o.effectiveNamespace);
        setChanged = true;
      }
    }
    if (setChanged) this.versions.set(NAMESPACE_SET, (this.versions.get(NAMESPACE_SET) ?? 0) + 1);
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
    for (const u of this.byUri.keys()) this.rank.set(u, this.nextRank++);
    // Order is observable (first match wins in some lookups): every cached dependant is stale.
    for (const [k, v] of this.versions) this.versions.set(k, v + 1);
    this.generation++;
    this.byKind = undefined;
    this.byKindNs = undefined;
    this.byNs = undefined;
    this.crdMap = undefined;
  }

  removeFile(uri: string): boolean {
    const before = this.byUri.get(uri);
    if (!before) return false;
    this.byUri.delete(uri);
    if (before.length) {
      this.bump(before);
      this.changed(uri, [], before, []);
    }
    // After the groups let go of the file: they place it by its rank.
    this.rank.delete(uri);
    return before.length > 0;
  }

  /**
   * A file's objects are now `after`, having lost and gained those objects: a new state of the index.
   * CRDs count as changed only when one is lost or gained: an edit next to an unchanged CRD in the same
   * file does not re-check every document's schema.
   */
  private changed(uri: string, after: readonly K8sObject[], lost: readonly K8sObject[], gained: readonly K8sObject[]) {
    this.generation++;
    this.countNamespaces(lost, gained);
    this.regroup(uri, after, [...lost, ...gained]);
    if (lost.some(isCrd) || gained.some(isCrd)) {
      this.crdGeneration++;
      this.crdMap = undefined;
    }
  }

  /** `changed`: the objects the file lost or gained (see `difference`). */
  private regroup(uri: string, after: readonly K8sObject[], changed: readonly K8sObject[]) {
    this.byKind?.update(uri, after, changed);
    this.byKindNs?.update(uri, after, changed);
    this.byNs?.update(uri, after, changed);
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
    const clusterWide = namespace === undefined || isClusterScoped(kind);
    this.recorder?.add(clusterWide ? kind : `${kind}\u0000${namespace}`);
    if (clusterWide) {
      this.byKind ??= this.groupAll(kindOf);
      return this.byKind.get(kind) ?? NONE;
    }
    this.byKindNs ??= this.groupAll(kindAndNamespaceOf);
    return this.byKindNs.get(`${kind}\u0000${namespace}`) ?? NONE;
  }

  /** Does the workspace define any object of this kind (in this namespace)? Gates "not found" rules. */
  has(kind: string, namespace?: string): boolean {
    return this.ofKind(kind, namespace).length > 0;
  }

  find(kind: string, namespace: string | undefined, name: string): K8sObject | undefined {
    const list = this.ofKind(kind, namespace);
    if (!list.length) return undefined;
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

/**
 * The objects a file lost and gained between two of its lists. An edit re-makes one document's object
 * and keeps the others as the same instances at the same places; a document that moved is a new
 * instance, so the instances in both lists are in the same order.
 */
function difference(before: readonly K8sObject[], after: readonly K8sObject[]): { lost: K8sObject[]; gained: K8sObject[] } {
  if (before.length === after.length) {
    const lost: K8sObject[] = [];
    const gained: K8sObject[] = [];
    for (let i = 0; i < after.length; i++) {
      if (before[i] === after[i]) continue;
      lost.push(before[i]);
      gained.push(after[i]);
    }
    return { lost, gained };
  }
  const kept = new Set(after);
  const had = new Set(before);
  return { lost: before.filter((o) => !kept.has(o)), gained: after.filter((o) => !had.has(o)) };
}

const kindOf = (o: K8sObject) => o.kind;
const namespaceOf = (o: K8sObject) => o.effectiveNamespace;
const kindAndNamespaceOf = (o: K8sObject) => `${o.kind}\u0000${o.effectiveNamespace}`;

function isCrd(o: K8sObject): boolean {
  return o.kind === 'CustomResourceDefinition';
}

/** Objects are immutable once built (an edit makes new ones), so each one's signature is computed once. */
const signatures = new WeakMap<K8sObject, string>();
function cachedSignature(o: K8sObject): string {
  let s = signatures.get(o);
  if (s === undefined) {
    // Kept as a fingerprint: the full JSON would double the index's memory.
    s = fingerprint(signature(o));
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
