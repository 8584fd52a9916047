/**
 * Relations between objects that several storage and resources rules need: label selectors,
 * autoscalers that target a workload, and how many replicas a workload can run.
 */

import { asArray, asDict, asString, isDict, stringMap, type K8sObject } from '../../engine/object';
import { pushTo, sameList, sameMap } from '../../engine/collections';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { podTemplate, replicas } from '../../engine/workload';

/**
 * Kubernetes LabelSelector semantics: matchLabels AND every matchExpression. An empty selector
 * (`{}`) selects everything; a missing one (null/undefined) selects nothing.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isDict(selector)) return false;
  let match = matchers.get(selector);
  if (!match) matchers.set(selector, (match = compileSelector(selector)));
  return match(labels);
}

/**
 * Rules match every workload against every selector of a namespace: each selector is read once into
 * a matcher (plain values are never mutated, so it is keyed by the selector object itself).
 */
const matchers = new WeakMap<object, (labels: Record<string, string>) => boolean>();

function compileSelector(selector: Record<string, unknown>): (labels: Record<string, string>) => boolean {
  const required = Object.entries(stringMap(selector.matchLabels));
  const expressions: { key: string; operator: unknown; values: string[] }[] = [];
  for (const e of asArray(selector.matchExpressions)) {
    const key = isDict(e) ? asString(e.key) : undefined;
    // A malformed expression selects nothing.
    if (!isDict(e) || !key || !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator as string)) return () => false;
    expressions.push({ key, operator: e.operator, values: asArray(e.values).map(String) });
  }
  return (labels) => {
    for (const [k, v] of required) if (labels[k] !== v) return false;
    for (const { key, operator, values } of expressions) {
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      if (operator === 'In' ? !has || !values.includes(labels[key]) : operator === 'NotIn' ? has && values.includes(labels[key]) : operator === 'Exists' ? !has : has) return false;
    }
    return true;
  };
}

/**
 * Does an object of `kind` in namespace `ns` select these labels with the selector at `selectorOf`
 * (one selector field per kind)? Every workload is matched against the namespace's selectors, so
 * they are indexed once per change of that kind in that namespace by one matchLabels pair each:
 * only selectors whose pair the labels carry, and those without matchLabels, are tried.
 */
export function anySelects(index: WorkspaceIndex, kind: string, ns: string, selectorOf: (o: K8sObject) => unknown, labels: Record<string, string>): boolean {
  const byPair = index.memo(`selectors:${kind}:${ns}`, () => {
    const m = new Map<string, Record<string, unknown>[]>();
    for (const object of index.ofKind(kind, ns)) {
      const selector = selectorOf(object);
      if (!isDict(selector)) continue; // a missing selector selects nothing
      const first = Object.entries(stringMap(selector.matchLabels))[0];
      pushTo(m, first ? labelPairKey(first[0], first[1]) : '', selector);
    }
    return m;
  }, sameSelectors);
  const tryAll = (key: string) => byPair.get(key)?.some((selector) => selectorMatches(selector, labels)) ?? false;
  if (tryAll('')) return true;
  for (const k in labels) if (tryAll(labelPairKey(k, labels[k]))) return true;
  return false;
}

/** Selectors indexed by pair that select the same pods, so their readers' findings still hold. */
function sameSelectors(a: Map<string, Record<string, unknown>[]>, b: Map<string, Record<string, unknown>[]>): boolean {
  return sameMap(a, b, (x, y) => sameList(x, y, (s, t) => JSON.stringify(s) === JSON.stringify(t)));
}

/** One label (`key=value`) as a map key. */
export const labelPairKey = (k: string, v: string) => `${k}\u0000${v}`;

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
  return scalersByTarget(obj.effectiveNamespace, index).get(`${obj.kind}\u0000${obj.name}`) ?? [];
}

/**
 * The namespace's autoscalers by the `kind` and `name` they target, built once per change of those
 * kinds: four rules ask for every workload, and scanning every autoscaler each time is quadratic.
 */
function scalersByTarget(ns: string, index: WorkspaceIndex): Map<string, Scaler[]> {
  return index.memo(`scalers:${ns}`, () => {
    const out = new Map<string, Scaler[]>();
    const add = (kind: unknown, name: unknown, s: Scaler) => pushTo(out, `${String(kind)}\u0000${String(name)}`, s);
    for (const hpa of index.ofKind('HorizontalPodAutoscaler', ns)) {
      if (!hpa.group.startsWith('autoscaling')) continue;
      const ref = asDict(hpa.spec.scaleTargetRef);
      if (typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
      const min = typeof hpa.spec.minReplicas === 'number' ? hpa.spec.minReplicas : 1;
      add(ref.kind, ref.name, { object: hpa, min, max: typeof hpa.spec.maxReplicas === 'number' ? hpa.spec.maxReplicas : undefined });
    }
    for (const so of index.ofKind('ScaledObject', ns)) {
      if (so.group !== 'keda.sh') continue;
      const ref = asDict(so.spec.scaleTargetRef);
      if (typeof ref.name !== 'string') continue;
      const min = typeof so.spec.minReplicaCount === 'number' ? so.spec.minReplicaCount : 0;
      const max = typeof so.spec.maxReplicaCount === 'number' ? so.spec.maxReplicaCount : 100;
      add(asString(ref.kind) ?? 'Deployment', ref.name, { object: so, min, max });
    }
    return out;
  }, sameScalers);
}

/** Autoscalers that read the same to a rule: what they scale, their name and their bounds. */
function sameScalers(a: Map<string, Scaler[]>, b: Map<string, Scaler[]>): boolean {
  return sameMap(a, b, (x, y) => sameList(x, y, (s, t) => s.object.display === t.object.display && s.min === t.min && s.max === t.max));
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
