import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { anySelects, maxReplicas, podLabels, REPLICATED_KINDS } from './related';

export default defineRule({
  id: 'pdb-missing',
  category: 'resources',
  severity: 'info',
  description: 'A workload with more than one replica has no PodDisruptionBudget selecting its pods in the workspace.',
  rationale:
    'Node drains (upgrades, autoscaler scale-down) evict pods through the eviction API, which only holds back when a PodDisruptionBudget says how many pods must stay up. Without one a drain may evict every replica at once. A PDB in the same namespace whose selector (matchLabels and matchExpressions together) matches the pod template labels counts. Replicas come from spec.replicas or, when an autoscaler targets the workload, its maximum.',
  appliesTo: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
  crossResource: true,
  peers: ['kube-score deployment-has-poddisruptionbudget', 'kube-score statefulset-has-poddisruptionbudget', 'Polaris missingPodDisruptionBudget'],
  check({ object, index, report }) {
    if (!REPLICATED_KINDS.includes(object.kind) || !isWorkload(object)) return;
    const max = maxReplicas(object, index);
    if (!max || max.count <= 1) return;
    const labels = podLabels(object);
    // Only policy/v1(beta1) PodDisruptionBudgets: another group's kind of that name protects nothing.
    if (anySelects(index, 'PodDisruptionBudget', object.effectiveNamespace, (p) => (p.group === 'policy' ? p.spec.selector : undefined), labels)) return;
    const explicit = typeof object.spec.replicas === 'number';
    report({
      path: explicit ? ['spec', 'replicas'] : object.name ? ['metadata', 'name'] : ['kind'],
      target: explicit ? 'pair' : 'value',
      message: `${object.display} runs ${max.scaler ? `up to ${max.count}` : max.count} replicas but no PodDisruptionBudget selects its pods: a node drain may evict them all at once.`,
    });
  },
});
