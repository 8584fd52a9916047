import { asDict, isDict, stringMap, type K8sObject } from '../../engine/object';
import { isWorkload, podTemplate } from '../../engine/workload';
import { pushTo, sameList, sameRecord } from '../../engine/collections';
import { labelPairKey } from './related';
import { defineRule } from '../types';

/** Labels the controllers add to pods at runtime: a manifest's pod template never carries them. */
const CONTROLLER_LABELS = new Set([
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'pod-template-hash',
  'controller-revision-hash',
  'job-name',
  'controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
]);

interface PodSource {
  obj: K8sObject;
  labels: Record<string, string>;
}

/**
 * Pod templates of the namespace: built-in workloads, plus any object with spec.template (Argo
 * Rollouts, …), and the same by each of their labels: a Service then tries
 * only the templates carrying its first selector pair, not every template of the namespace.
 */
function podSources(objs: Iterable<K8sObject>): { all: PodSource[]; byPair: Map<string, PodSource[]> } {
  const all: PodSource[] = [];
  const byPair = new Map<string, PodSource[]>();
  for (const o of objs) {
    const pod = podTemplate(o);
    let source: PodSource;
    if (pod) source = { obj: o, labels: stringMap(pod.metadata.labels) };
    else if (!isWorkload(o) && isDict(asDict(o.spec.template).metadata)) source = { obj: o, labels: stringMap(asDict(asDict(o.spec.template).metadata).labels) };
    else continue;
    all.push(source);
    for (const [k, v] of Object.entries(source.labels)) pushTo(byPair, labelPairKey(k, v), source);
  }
  return { all, byPair };
}

/**
 * What the rule reads of the pod templates (which workload kind, its name, its pod labels) is the
 * same: a Deployment's edited replicas then does not re-check the namespace's Services.
 */
function samePodSources(a: { all: PodSource[] }, b: { all: PodSource[] }): boolean {
  return sameList(a.all, b.all, (x, y) => x.obj.apiVersion === y.obj.apiVersion && x.obj.display === y.obj.display && sameRecord(x.labels, y.labels));
}

export default defineRule({
  id: 'service-selector-no-match',
  category: 'resources',
  severity: 'warning',
  description: 'A Service\'s selector matches no pod template in its namespace in the workspace.',
  rationale:
    'A Service whose selector matches no pods has no endpoints: clients get connection refused or time out while every manifest looks fine, usually after a label was renamed on one side only. Services without a selector (ExternalName, manually managed Endpoints) are not judged, labels that controllers add at runtime (statefulset.kubernetes.io/pod-name, pod-template-hash, …) are ignored, and the rule only speaks when the workspace defines workloads in the Service\'s namespace. Pods created by operators from custom resources cannot be seen.',
  appliesTo: ['Service'],
  crossResource: true,
  peers: ['kube-linter dangling-service', 'kube-score service-targets-pod'],
  check({ object, index, report }) {
    if (object.kind !== 'Service' || object.group !== '') return;
    if (object.spec.type === 'ExternalName') return;
    const selector = stringMap(object.spec.selector);
    const wanted = Object.entries(selector).filter(([k]) => !CONTROLLER_LABELS.has(k));
    if (!wanted.length) return;
    const ns = object.effectiveNamespace;
    // Once per namespace and index state: scanning the workspace for each Service is quadratic.
    const { all: sources, byPair } = index.memo(
      `service-selector-no-match:${ns}`,
      () => podSources(index.inNamespace(ns).filter((o) => o.kind !== 'Service')),
      samePodSources,
    );
    if (!sources.some((s) => isWorkload(s.obj))) return;
    const candidates = byPair.get(labelPairKey(wanted[0][0], wanted[0][1])) ?? [];
    if (candidates.some((s) => wanted.every(([k, v]) => s.labels[k] === v))) return;
    // The closest pod template: the one sharing the most selector pairs, to name the mismatch.
    let best: (PodSource & { score: number }) | undefined;
    for (const s of sources) {
      const score = wanted.filter(([k, v]) => s.labels[k] === v).length + wanted.filter(([k]) => k in s.labels).length / 10;
      if (score > 0 && (!best || score > best.score)) best = { ...s, score };
    }
    let hint = '';
    if (best) {
      const diff = wanted.find(([k, v]) => best!.labels[k] !== v);
      if (diff) hint = diff[0] in best.labels ? ` (${best.obj.display} has ${diff[0]}: ${best.labels[diff[0]]})` : ` (${best.obj.display} has no label ${diff[0]})`;
    }
    report({
      path: ['spec', 'selector'],
      message: `${object.display} selects ${wanted.map(([k, v]) => `${k}=${v}`).join(',')}, which matches no pod template in namespace '${ns}'${hint}: it has no endpoints.`,
    });
  },
});
