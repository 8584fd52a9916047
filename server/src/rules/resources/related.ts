/**
 * Relations between objects that several storage and resources rules need: label selectors,
 * autoscalers that target a workload, and how many replicas a workload can run.
 */

import { asArray, asDict, asString, isDict, stringMap, type K8sObject } from '../../engine/object';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { podTemplate, replicas } from '../../engine/workload';

/**
 * Kubernetes LabelSelector semantics: matchLabels AND every matchExpression. An empty selector
 * (`{}`) selects everything; a missing one (null/undefined) selects nothing.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isDict(selector)) return false;
  for (const [k, v] of Object.entries(stringMap(selector.matchLabels))) if (labels[k] !== v) return false;
  for (const e of asArray(selector.matchExpressions)) {
    if (!isDict(e)) return false;
    const key = asString(e.key);
    if (!key) return false;
    const values = asArray(e.values).map(String);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Labels of the pods a workload creates. */
export function podLabels(obj: K8sObject): Record<string, string> {
  return stringMap(podTemplate(obj)?.metadata.labels);
}

export interface Scaler {
  /** The HorizontalPodAutoscaler or KEDA ScaledObject. */
  object: K8sObject;
  min?: number;
  max?: number;
}

/**
 * Autoscalers in the workspace that scale `obj`: HorizontalPodAutoscalers (any autoscaling version)
 * and KEDA ScaledObjects (which create an HPA at runtime), in the object's namespace.
 */
export function scalersOf(obj: K8sObject, index: WorkspaceIndex): Scaler[] {
  const ns = obj.effectiveNamespace;
  const out: Scaler[] = [];
  for (const hpa of index.ofKind('HorizontalPodAutoscaler', ns)) {
    if (!hpa.group.startsWith('autoscaling')) continue;
    const ref = asDict(hpa.spec.scaleTargetRef);
    if (ref.kind !== obj.kind || ref.name !== obj.name) continue;
    const min = typeof hpa.spec.minReplicas === 'number' ? hpa.spec.minReplicas : 1;
    out.push({ object: hpa, min, max: typeof hpa.spec.maxReplicas === 'number' ? hpa.spec.maxReplicas : undefined });
  }
  for (const so of index.ofKind('ScaledObject', ns)) {
    if (so.group !== 'keda.sh') continue;
    const ref = asDict(so.spec.scaleTargetRef);
    if ((asString(ref.kind) ?? 'Deployment') !== obj.kind || ref.name !== obj.name) continue;
    const min = typeof so.spec.minReplicaCount === 'number' ? so.spec.minReplicaCount : 0;
    const max = typeof so.spec.maxReplicaCount === 'number' ? so.spec.maxReplicaCount : 100;
    out.push({ object: so, min, max });
  }
  return out;
}

/**
 * The most replicas a workload may run: an autoscaler's maximum when one targets it, else
 * `spec.replicas` (default 1). Undefined when unknown (templated values).
 */
export function maxReplicas(obj: K8sObject, index: WorkspaceIndex): { count: number; scaler?: Scaler } | undefined {
  const scalers = scalersOf(obj, index);
  const scaled = scalers.filter((s) => s.max !== undefined);
  if (scaled.length) {
    const best = scaled.reduce((a, b) => ((b.max ?? 0) > (a.max ?? 0) ? b : a));
    return { count: best.max ?? 0, scaler: best };
  }
  const r = replicas(obj);
  return r === undefined ? undefined : { count: r };
}

/** Kinds whose replica count is `spec.replicas` and that a PDB / anti-affinity protects. */
export const REPLICATED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

/** A label value Kubernetes accepts (for fixes that write names into labels). */
export function isValidLabelValue(v: string): boolean {
  return v.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v);
}
