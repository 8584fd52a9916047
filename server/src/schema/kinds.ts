/** Which apiVersion/kind pairs are built in, known from elsewhere (meshes, kustomize), or likely typos. */

import { closest } from '../engine/config';
import { kubernetesKinds } from './data';
import { DEPRECATIONS } from './deprecations';

/**
 * API groups of tools Daytwo knows whose kinds are CRDs usually installed outside the repository:
 * Istio, Linkerd, SMI, Gateway API (the meshes' routing API) and kustomize's own files.
 */
export const KNOWN_EXTERNAL_GROUPS: ReadonlySet<string> = new Set([
  'networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'extensions.istio.io', 'install.istio.io',
  'config.istio.io', 'authentication.istio.io', 'rbac.istio.io',
  'linkerd.io', 'policy.linkerd.io', 'multicluster.linkerd.io', 'workload.linkerd.io', 'externalworkload.linkerd.io', 'tap.linkerd.io',
  'split.smi-spec.io', 'specs.smi-spec.io', 'access.smi-spec.io', 'metrics.smi-spec.io',
  'gateway.networking.k8s.io', 'gateway.networking.x-k8s.io',
  'kustomize.config.k8s.io',
]);

interface KindTable {
  /** `group/version/Kind` of every served kind plus every deprecated one. */
  all: Set<string>;
  /** Kind -> apiVersions serving it (built in, current). */
  versionsOf: Map<string, string[]>;
  /** Groups of built-in APIs ('' is the core group), current or removed. */
  groups: Set<string>;
  /** Kind names users write in manifests (no *List, *Options, WatchEvent). */
  kindNames: string[];
}

let table: KindTable | undefined;
function kindTable(): KindTable {
  if (table) return table;
  const all = new Set<string>();
  const versionsOf = new Map<string, string[]>();
  const groups = new Set<string>();
  for (const key of Object.keys(kubernetesKinds())) {
    const [group, version, kind] = key.split('/');
    all.add(key);
    groups.add(group);
    if (/(List|Options)$/.test(kind) || kind === 'WatchEvent' || kind === 'Status' || kind === 'APIVersions' || kind === 'APIGroup') continue;
    const list = versionsOf.get(kind) ?? [];
    list.push(group ? `${group}/${version}` : version);
    versionsOf.set(kind, list);
  }
  // kubectl's generic List (kubectl get -o yaml) is not in the OpenAPI document.
  all.add('/v1/List');
  for (const d of DEPRECATIONS) {
    all.add(`${d.group}/${d.version}/${d.kind}`);
    groups.add(d.group);
  }
  table = { all, versionsOf, groups, kindNames: [...versionsOf.keys()] };
  return table;
}

export function isBuiltinOrDeprecated(group: string, version: string, kind: string): boolean {
  return kindTable().all.has(`${group}/${version}/${kind}`);
}

export function isBuiltinGroup(group: string): boolean {
  return kindTable().groups.has(group);
}

export function builtinGroups(): Set<string> {
  return kindTable().groups;
}

/** The apiVersions that serve a built-in kind, preferring GA versions (v1, v2 before betas). */
export function apiVersionsOf(kind: string): string[] {
  const list = [...(kindTable().versionsOf.get(kind) ?? [])];
  const rank = (v: string) => (/\/?v\d+$/.test(v) ? 0 : /beta/.test(v) ? 1 : 2);
  return list.sort((a, b) => rank(a) - rank(b));
}

export function closestKind(kind: string): string | undefined {
  return closest(kind, kindTable().kindNames);
}
