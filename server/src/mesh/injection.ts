/**
 * Will a pod be meshed, by which mesh, and because of which key? Follows the injectors' own logic
 * (Istio's webhook selectors and injectRequired; Linkerd's report.go truth table) over the pod
 * template's metadata and, when the workspace holds it, its Namespace.
 */

import { asString, get, isDict, type Dict, type K8sObject } from '../engine/object';
import type { Path } from '../engine/types';
import type { WorkspaceIndex } from '../engine/workspaceIndex';
import { podTemplate } from '../engine/workload';

/** A place where labels and annotations live: an object's own metadata or its pod template's. */
export interface MetadataPlace {
  path: Path;
  /** Raw maps as written (values may be non-strings). */
  labels: Dict;
  annotations: Dict;
  /** 'object' = the object's own metadata; 'podTemplate' = spec.template.metadata (or the Pod's own). */
  role: 'object' | 'podTemplate';
}

function place(meta: unknown, path: Path, role: MetadataPlace['role']): MetadataPlace {
  const m = isDict(meta) ? meta : {};
  return { path, labels: isDict(m.labels) ? m.labels : {}, annotations: isDict(m.annotations) ? m.annotations : {}, role };
}

/** The object's own metadata, and its pod template's when it has one (a Pod's own metadata is its pod's). */
export function metadataPlaces(obj: K8sObject): MetadataPlace[] {
  const out: MetadataPlace[] = [];
  if (obj.kind === 'Pod' && podTemplate(obj)) return [place(obj.metadata, ['metadata'], 'podTemplate')];
  out.push(place(obj.metadata, ['metadata'], 'object'));
  const pod = podTemplate(obj);
  if (pod) out.push(place(get(obj.value, pod.metadataPath), pod.metadataPath, 'podTemplate'));
  return out;
}

/** The pod's own metadata place, for workloads. */
export function podPlace(obj: K8sObject): MetadataPlace | undefined {
  return metadataPlaces(obj).find((p) => p.role === 'podTemplate');
}

export interface MeshVerdict {
  /** The pod gets this mesh's proxy. */
  on: boolean;
  /** The pod template itself asks for it (rather than only its namespace). */
  fromPod: boolean;
  /** Path (in this object) of the key that turns it on, when it is in the pod template. */
  path?: Path;
  /** Words for messages: `label sidecar.istio.io/inject="true"`, `Namespace/shop label istio-injection=enabled`. */
  because?: string;
}

export interface Injection {
  istio: MeshVerdict;
  linkerd: MeshVerdict;
  hostNetwork: boolean;
  namespace?: K8sObject;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'number' ? String(v) : undefined);

export function namespaceOf(obj: K8sObject, index: WorkspaceIndex): K8sObject | undefined {
  return index.find('Namespace', undefined, obj.effectiveNamespace);
}

/** Istio's decision for a pod with these labels/annotations in a namespace with these labels. */
export function istioVerdict(pod: MetadataPlace, ns?: K8sObject): MeshVerdict {
  const off: MeshVerdict = { on: false, fromPod: false };
  const label = str(pod.labels['sidecar.istio.io/inject']);
  const ann = str(pod.annotations['sidecar.istio.io/inject']);
  const rev = str(pod.labels['istio.io/rev']);
  // The label beats the annotation; only exact "true"/"false" count.
  const podSwitch = label === 'true' || label === 'false' ? label : ann === 'true' || ann === 'false' ? ann : undefined;
  if (podSwitch === 'false') return off;
  const nsLabels = ns?.labels ?? {};
  const nsInjection = nsLabels['istio-injection'];
  const nsRev = nsLabels['istio.io/rev'];
  const nsDesc = ns ? `${ns.display}` : '';
  if (nsInjection === 'disabled') return off;
  if (nsInjection === 'enabled' || (nsInjection === undefined && nsRev)) {
    const path = label === 'true' ? [...pod.path, 'labels', 'sidecar.istio.io/inject'] : undefined;
    return { on: true, fromPod: !!path, path, because: path ? 'label sidecar.istio.io/inject="true"' : `${nsDesc} label ${nsInjection ? 'istio-injection=enabled' : `istio.io/rev=${nsRev}`}` };
  }
  if (ns && nsInjection !== undefined) return off; // any other value: no selector matches
  // Namespace without injection labels (or not in the workspace): only pod labels can opt in.
  if (rev && label !== 'false') return { on: true, fromPod: true, path: [...pod.path, 'labels', 'istio.io/rev'], because: `label istio.io/rev=${rev}` };
  if (label === 'true') return { on: true, fromPod: true, path: [...pod.path, 'labels', 'sidecar.istio.io/inject'], because: 'label sidecar.istio.io/inject="true"' };
  return off;
}

const LINKERD_ON = new Set(['enabled', 'ingress']);

/** Linkerd's decision: the pod's linkerd.io/inject annotation, else the namespace's. */
export function linkerdVerdict(pod: MetadataPlace, ns?: K8sObject): MeshVerdict {
  const off: MeshVerdict = { on: false, fromPod: false };
  if (ns?.labels['config.linkerd.io/admission-webhooks'] === 'disabled') return off;
  const podValue = str(pod.annotations['linkerd.io/inject']);
  if (podValue !== undefined && podValue !== '') {
    if (LINKERD_ON.has(podValue)) return { on: true, fromPod: true, path: [...pod.path, 'annotations', 'linkerd.io/inject'], because: `annotation linkerd.io/inject: ${podValue}` };
    return off;
  }
  const nsValue = ns?.annotations['linkerd.io/inject'];
  if (nsValue && LINKERD_ON.has(nsValue)) return { on: true, fromPod: false, because: `${ns!.display} annotation linkerd.io/inject: ${nsValue}` };
  return off;
}

/**
 * Each workload's pod metadata and its verdicts, with the Namespace object they were reached with
 * (objects never change: an edit makes new ones). "Does any workload get a sidecar?" asks for every
 * workload of the workspace after each edit, and only the edited one is new.
 */
interface Known {
  pod: MetadataPlace;
  hostNetwork: boolean;
  verdict?: { ns: K8sObject | undefined; injection: Injection };
}
const known = new WeakMap<K8sObject, Known | null>();

/** Injection verdicts for a workload; undefined for objects without a pod. */
export function injectionOf(obj: K8sObject, index: WorkspaceIndex): Injection | undefined {
  let k = known.get(obj);
  if (k === undefined) {
    const pod = podPlace(obj);
    const tmpl = podTemplate(obj);
    known.set(obj, (k = pod && tmpl ? { pod, hostNetwork: tmpl.spec.hostNetwork === true } : null));
  }
  if (!k) return undefined;
  // Looked up every time: the reader depends on the Namespace whether or not the verdict is reused.
  const ns = namespaceOf(obj, index);
  if (!k.verdict || k.verdict.ns !== ns) {
    k.verdict = { ns, injection: { istio: istioVerdict(k.pod, ns), linkerd: linkerdVerdict(k.pod, ns), hostNetwork: k.hostNetwork, namespace: ns } };
  }
  return k.verdict.injection;
}

/** Istio injection requested by a Namespace's labels. */
export function namespaceIstio(ns: K8sObject): string | undefined {
  const l = ns.labels;
  if (l['istio-injection'] === 'enabled') return 'istio-injection';
  if (l['istio-injection'] === undefined && l['istio.io/rev']) return 'istio.io/rev';
  return undefined;
}

/** Linkerd injection requested by a Namespace's annotation. */
export function namespaceLinkerd(ns: K8sObject): boolean {
  if (ns.labels['config.linkerd.io/admission-webhooks'] === 'disabled') return false;
  return LINKERD_ON.has(ns.annotations['linkerd.io/inject'] ?? '');
}

/** A metadata map entry's value as written, for messages. */
export function shown(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : String(asString(v) ?? JSON.stringify(v));
}
