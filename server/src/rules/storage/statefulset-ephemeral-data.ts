import { asArray, asDict, isDict } from '../../engine/object';
import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { claimVolumes, isEmptyDir, podVolumes, volumeUses } from './volumes';

/** Mount paths that hold scratch data by convention: losing them on reschedule is expected. */
const SCRATCH = /^\/(tmp|var\/tmp|run|var\/run|var\/cache|dev\/shm)(\/|$)|(^|\/)(cache|tmp|temp|scratch)(\/|$)/i;

export default defineRule({
  id: 'statefulset-ephemeral-data',
  category: 'storage',
  severity: 'warning',
  description: 'A StatefulSet without volumeClaimTemplates (or any PVC) keeps data in an emptyDir, which is lost when the pod moves.',
  rationale:
    'An emptyDir lives and dies with the pod: a reschedule, a node drain or an eviction empties it. A StatefulSet is chosen for state, yet without volumeClaimTemplates its replicas come back empty after any disruption, and a clustered database then resyncs from peers or loses data. emptyDirs mounted only at scratch paths (/tmp, /run, caches) or backed by memory are treated as intended scratch space.',
  appliesTo: ['StatefulSet'],
  peers: [],
  check({ object, report }) {
    if (object.kind !== 'StatefulSet' || !isWorkload(object)) return;
    if (asArray(object.spec.volumeClaimTemplates).length > 0) return;
    if (claimVolumes(object).length > 0) return;
    if (podVolumes(object).some((v) => isDict(v.volume.ephemeral))) return;
    const uses = volumeUses(object);
    for (const v of podVolumes(object)) {
      if (!isEmptyDir(v.volume)) continue;
      if (asDict(v.volume.emptyDir).medium === 'Memory') continue;
      // Only mounts by the long-running containers hold data worth keeping.
      const dataMounts = (uses.get(v.name) ?? []).filter((u) => (u.type === 'container' || u.type === 'sidecar') && !(u.mountPath && SCRATCH.test(u.mountPath)));
      if (!dataMounts.length) continue;
      const where = dataMounts[0].mountPath ? ` at ${dataMounts[0].mountPath}` : '';
      report({
        path: [...v.path, 'emptyDir'],
        message: `${object.display} has no volumeClaimTemplates and keeps '${v.name}'${where} in an emptyDir: its data is lost whenever the pod is rescheduled. Add a volumeClaimTemplate for it.`,
      });
    }
  },
});
