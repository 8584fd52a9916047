import { closest } from '../../engine/config';
import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { claimVolumes, findClaim } from './volumes';

export default defineRule({
  id: 'pvc-not-found',
  category: 'storage',
  severity: 'warning',
  description: 'A persistentVolumeClaim volume names no PVC in the workspace (only when the workspace defines PVCs in that namespace).',
  rationale:
    'A pod whose claim does not exist stays Pending ("persistentvolumeclaim not found") and the rollout never completes. Usually the claim was renamed or lives in another namespace. The rule only speaks when the workspace defines PersistentVolumeClaims in the pod\'s namespace, since claims are often created elsewhere.',
  appliesTo: 'workload',
  crossResource: true,
  peers: ['Monokle LNK001'],
  check({ object, index, report }) {
    if (!isWorkload(object)) return;
    const ns = object.effectiveNamespace;
    if (!index.has('PersistentVolumeClaim', ns)) return;
    for (const v of claimVolumes(object)) {
      if (findClaim(index, object, v.claimName)) continue;
      const hint = closest(v.claimName, index.ofKind('PersistentVolumeClaim', ns).map((p) => p.name));
      report({
        path: v.claimPath,
        target: 'value',
        message: `Volume '${v.name}' of ${object.display} uses PVC '${v.claimName}', which the workspace does not define in namespace '${ns}'${hint ? ` (did you mean '${hint}'?)` : ''}: the pod stays Pending.`,
      });
    }
  },
});
