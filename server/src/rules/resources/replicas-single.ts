import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { scalersOf } from './related';

export default defineRule({
  id: 'replicas-single',
  category: 'resources',
  severity: 'info',
  description: 'A Deployment or StatefulSet runs a single replica and no autoscaler targets it.',
  rationale:
    'With one replica every rollout, node drain, eviction or crash is an outage until the replacement is ready. Two replicas (with a PodDisruptionBudget and spreading) keep serving through routine maintenance. Workloads scaled by a HorizontalPodAutoscaler or a KEDA ScaledObject in the workspace are not reported, nor are those scaled to zero on purpose; singletons by design (leader-elected controllers, single-writer databases) can be suppressed with a reason.',
  appliesTo: ['Deployment', 'StatefulSet'],
  crossResource: true,
  peers: ['kube-score deployment-replicas', 'Polaris deploymentMissingReplicas', 'kube-linter minimum-three-replicas'],
  check({ object, index, report }) {
    if ((object.kind !== 'Deployment' && object.kind !== 'StatefulSet') || !isWorkload(object)) return;
    const r = object.spec.replicas;
    const explicit = r !== undefined && r !== null;
    if (explicit && r !== 1) return;
    if (scalersOf(object, index).length) return;
    report({
      path: explicit ? ['spec', 'replicas'] : object.name ? ['metadata', 'name'] : ['kind'],
      target: explicit ? 'pair' : 'value',
      message: `${object.display} runs a single replica${explicit ? '' : ' (replicas unset, default 1)'} and no autoscaler targets it: every rollout, drain or crash is an outage.`,
    });
  },
});
