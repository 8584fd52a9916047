/**
 * Where each workload kind keeps its pod, and how security settings are inherited from pod to
 * container. Rules never hard-code `spec.template.spec`: they ask here.
 */

import { asArray, asDict, asString, get, isDict, type Dict, type K8sObject } from './object';
import type { Path } from './types';

/** Path from the object root to the pod template (whose `metadata` and `spec` are the pod's). */
const POD_TEMPLATE_PATH: Record<string, Path> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];
const LONG_RUNNING = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** Built-in workload kinds live in these API groups; a CRD kind named "Deployment" is not one. */
const WORKLOAD_GROUPS = new Set(['', 'apps', 'batch', 'extensions', 'apps/v1beta1', 'apps/v1beta2']);

export function isWorkload(obj: K8sObject): boolean {
  return WORKLOAD_KINDS.includes(obj.kind) && WORKLOAD_GROUPS.has(obj.group);
}
export function isLongRunning(obj: K8sObject): boolean {
  return isWorkload(obj) && LONG_RUNNING.has(obj.kind);
}

export interface PodTemplate {
  /** Path to the pod's metadata (`metadata`, or `spec.template.metadata`). */
  metadataPath: Path;
  /** Path to the pod spec. */
  specPath: Path;
  metadata: Dict;
  spec: Dict;
}

export function podTemplate(obj: K8sObject): PodTemplate | undefined {
  if (!isWorkload(obj) && obj.kind !== 'PodTemplate') return undefined;
  const base = POD_TEMPLATE_PATH[obj.kind];
  const spec = get(obj.value, [...base, 'spec']);
  if (!isDict(spec)) return undefined;
  return {
    metadataPath: [...base, 'metadata'],
    specPath: [...base, 'spec'],
    metadata: asDict(get(obj.value, [...base, 'metadata'])),
    spec,
  };
}

/** The path of the pod template itself (for inserting `metadata` into it). */
export function podTemplatePath(obj: K8sObject): Path | undefined {
  return isWorkload(obj) ? POD_TEMPLATE_PATH[obj.kind] : undefined;
}

export type ContainerType = 'container' | 'init' | 'sidecar' | 'ephemeral';

export interface ContainerRef {
  container: Dict;
  name: string;
  /** Path from the object root to this container's mapping. */
  path: Path;
  type: ContainerType;
}

export interface ContainerFilter {
  /** Include plain init containers (run to completion before the app starts). */
  init?: boolean;
  /** Include native sidecars (init containers with `restartPolicy: Always`, which run for the pod's life). */
  sidecars?: boolean;
  ephemeral?: boolean;
}

/**
 * The containers of a pod. Regular containers always; init containers, native sidecars and ephemeral
 * containers on request: which ones a rule judges is part of that rule's contract.
 */
export function containers(obj: K8sObject, filter: ContainerFilter = {}): ContainerRef[] {
  const pod = podTemplate(obj);
  if (!pod) return [];
  const out: ContainerRef[] = [];
  const add = (field: string, type: (c: Dict) => ContainerType | undefined) => {
    asArray(pod.spec[field]).forEach((c, i) => {
      if (!isDict(c)) return;
      const t = type(c);
      if (t) out.push({ container: c, name: asString(c.name) ?? `#${i}`, path: [...pod.specPath, field, i], type: t });
    });
  };
  add('containers', () => 'container');
  add('initContainers', (c) => {
    const sidecar = c.restartPolicy === 'Always';
    if (sidecar) return filter.sidecars ? 'sidecar' : undefined;
    return filter.init ? 'init' : undefined;
  });
  if (filter.ephemeral) add('ephemeralContainers', () => 'ephemeral');
  return out;
}

/** Every container PSS judges: containers, init containers (sidecars included) and ephemeral containers. */
export function allContainers(obj: K8sObject): ContainerRef[] {
  return containers(obj, { init: true, sidecars: true, ephemeral: true });
}

/** Fields of a container securityContext that fall back to the pod-level securityContext. */
export type InheritedField = 'runAsNonRoot' | 'runAsUser' | 'runAsGroup' | 'seccompProfile' | 'seLinuxOptions' | 'appArmorProfile' | 'windowsOptions';

export interface Effective {
  value: unknown;
  /** Path of the field that decides the value, or undefined when neither level sets it. */
  path?: Path;
  level?: 'container' | 'pod';
}

/** The value a container runs with: its own securityContext field if set, else the pod's. */
export function effectiveSecurity(obj: K8sObject, c: ContainerRef, field: InheritedField): Effective {
  const own = asDict(c.container.securityContext)[field];
  if (own !== undefined && own !== null) return { value: own, path: [...c.path, 'securityContext', field], level: 'container' };
  const pod = podTemplate(obj);
  const podValue = pod ? asDict(pod.spec.securityContext)[field] : undefined;
  if (pod && podValue !== undefined && podValue !== null) {
    return { value: podValue, path: [...pod.specPath, 'securityContext', field], level: 'pod' };
  }
  return { value: undefined };
}

/** Replicas as declared (default 1); undefined when not a number (templated or wrong type). */
export function replicas(obj: K8sObject): number | undefined {
  const r = obj.spec.replicas;
  if (r === undefined || r === null) return 1;
  return typeof r === 'number' ? r : undefined;
}

/** Pods on Windows are exempt from several Linux-only PSS restricted checks. */
export function isWindowsPod(obj: K8sObject): boolean {
  return get(podTemplate(obj)?.spec, ['os', 'name']) === 'windows';
}

/** A pod with `hostUsers: false` runs in a user namespace, which relaxes some PSS checks from 1.35. */
export function usesUserNamespace(obj: K8sObject): boolean {
  return podTemplate(obj)?.spec.hostUsers === false;
}

/** Containers' declared ports: by name and number. */
export function declaredPorts(c: Dict): { names: Map<string, number>; numbers: Set<number>; first?: { name?: string; port: number } } {
  const names = new Map<string, number>();
  const numbers = new Set<number>();
  let first: { name?: string; port: number } | undefined;
  for (const p of asArray(c.ports)) {
    if (!isDict(p) || typeof p.containerPort !== 'number') continue;
    numbers.add(p.containerPort);
    const name = asString(p.name);
    if (name) names.set(name, p.containerPort);
    first ??= { name, port: p.containerPort };
  }
  return { names, numbers, first };
}
