import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { accessModes, claimVolumes, findClaim, isShared } from './volumes';

export default defineRule({
  id: 'stateful-deployment',
  category: 'storage',
  severity: 'warning',
  description: 'A Deployment mounts a PersistentVolumeClaim: per-replica identity and storage want a StatefulSet.',
  rationale:
    'A Deployment treats its pods as interchangeable: every replica mounts the same claim, a rollout starts the new pod while the old one still holds the volume, and scaling up never gives a replica storage of its own. A StatefulSet gives each replica a stable name and its own claim from volumeClaimTemplates, and replaces pods one at a time. Claims that are shared on purpose (ReadWriteMany or ReadOnlyMany, when the claim is in the workspace) are not reported.',
  appliesTo: ['Deployment'],
  crossResource: true,
  peers: [],
  check({ object, index, report }) {
    if (object.kind !== 'Deployment' || !isWorkload(object)) return;
    for (const v of claimVolumes(object)) {
      const pvc = findClaim(index, object, v.claimName);
      if (pvc && isShared(accessModes(pvc.spec))) continue;
      report({
        path: v.claimPath,
        target: 'pair',
        message: `${object.display} mounts PVC '${v.claimName}': replicas share one volume and a rollout competes for it; a StatefulSet with volumeClaimTemplates gives each replica its own.`,
      });
    }
  },
});
