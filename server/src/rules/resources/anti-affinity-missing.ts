import { asArray, asDict, isDict } from '../../engine/object';
import { isWorkload, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { maxReplicas, podLabels, REPLICATED_KINDS, selectorMatches } from './related';

/** The pod affinity terms of podAntiAffinity (required and preferred). */
function antiAffinityTerms(podSpec: Record<string, unknown>): Record<string, unknown>[] {
  const anti = asDict(asDict(podSpec.affinity).podAntiAffinity);
  const required = asArray(anti.requiredDuringSchedulingIgnoredDuringExecution).filter(isDict);
  const preferred = asArray(anti.preferredDuringSchedulingIgnoredDuringExecution)
    .filter(isDict)
    .map((w) => asDict(w.podAffinityTerm));
  return [...required, ...preferred];
}

export default defineRule({
  id: 'anti-affinity-missing',
  category: 'resources',
  severity: 'info',
  description: 'A workload with more than one replica has neither podAntiAffinity nor topologySpreadConstraints.',
  rationale:
    'Replicas exist to survive the loss of a node or zone, but the scheduler may place all of them on the same node. podAntiAffinity against the workload\'s own labels, or topologySpreadConstraints, spread them out. Either mechanism is accepted, with any topology key (hostname, zone or a custom one). An anti-affinity whose terms select none of the workload\'s own pods does not spread it and is reported.',
  appliesTo: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
  crossResource: true,
  peers: ['kube-linter no-anti-affinity', 'kube-score deployment-has-host-podantiaffinity', 'Polaris topologySpreadConstraint'],
  check({ object, index, report }) {
    if (!REPLICATED_KINDS.includes(object.kind) || !isWorkload(object)) return;
    const pod = podTemplate(object);
    if (!pod) return;
    const max = maxReplicas(object, index);
    if (!max || max.count <= 1) return;
    if (asArray(pod.spec.topologySpreadConstraints).length > 0) return;
    const terms = antiAffinityTerms(pod.spec);
    const labels = podLabels(object);
    // matchLabelKeys makes the term select pods sharing those label values: its own pods.
    if (terms.some((t) => asArray(t.matchLabelKeys).length > 0 || selectorMatches(t.labelSelector, labels))) return;
    const explicit = typeof object.spec.replicas === 'number';
    const at = explicit ? ['spec', 'replicas'] : object.name ? ['metadata', 'name'] : ['kind'];
    report({
      path: terms.length ? [...pod.specPath, 'affinity', 'podAntiAffinity'] : at,
      target: terms.length ? 'key' : explicit ? 'pair' : 'value',
      message: terms.length
        ? `The podAntiAffinity of ${object.display} selects none of its own pods, so its replicas may still share a node; match the pod template labels or add topologySpreadConstraints.`
        : `${object.display} runs ${max.scaler ? `up to ${max.count}` : max.count} replicas without podAntiAffinity or topologySpreadConstraints: they may all land on one node and fail together.`,
    });
  },
});
