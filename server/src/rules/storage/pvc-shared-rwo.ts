import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { maxReplicas } from '../resources/related';
import { accessModes, claimVolumes, findClaim, isSingleWriter } from './volumes';

const KINDS = new Set(['Deployment', 'ReplicaSet', 'ReplicationController']);

export default defineRule({
  id: 'pvc-shared-rwo',
  category: 'storage',
  severity: 'error',
  description: 'A Deployment/ReplicaSet that runs (or can scale to) more than one replica mounts a ReadWriteOnce/ReadWriteOncePod PVC.',
  rationale:
    'A ReadWriteOnce volume attaches to one node at a time (ReadWriteOncePod: one pod). Every replica of a Deployment mounts the same claim, so replicas scheduled on another node stay in ContainerCreating with a Multi-Attach error, and with ReadWriteOncePod every replica but one does. An autoscaler that may scale above one replica counts too. The claim must be in the workspace for its access modes to be known.',
  appliesTo: ['Deployment', 'ReplicaSet', 'ReplicationController'],
  crossResource: true,
  peers: [],
  check({ object, index, report }) {
    if (!KINDS.has(object.kind) || !isWorkload(object)) return;
    const max = maxReplicas(object, index);
    if (!max || max.count <= 1) return;
    for (const v of claimVolumes(object)) {
      const pvc = findClaim(index, object, v.claimName);
      if (!pvc) continue;
      const modes = accessModes(pvc.spec);
      if (!isSingleWriter(modes)) continue;
      const why = max.scaler ? `${max.scaler.object.display} scales it up to ${max.count} replicas` : `it runs ${max.count} replicas`;
      report({
        path: v.claimPath,
        target: 'pair',
        message: `${object.display} mounts PVC '${v.claimName}' (${modes.join(', ')}) but ${why}: replicas on other nodes cannot attach the volume (Multi-Attach error) and stay pending. Use a StatefulSet with volumeClaimTemplates, a single replica, or a ReadWriteMany volume.`,
      });
    }
  },
});
