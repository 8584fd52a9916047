import { podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { podVolumes, volumeUses } from './volumes';

export default defineRule({
  id: 'volume-unused',
  category: 'storage',
  severity: 'info',
  description: 'A volume is declared but mounted by no container.',
  rationale:
    'An unmounted volume is usually a leftover from a refactoring or a mount that was forgotten; either way the data the author meant to persist or share is not where they think. Volumes still cost: a PVC is attached, a Secret is fetched, an emptyDir is created. Init containers, native sidecars, ephemeral containers and raw block volumeDevices count as users, and so do volumes a mesh sidecar is told to mount through a pod annotation.',
  appliesTo: 'workload',
  peers: [],
  check({ object, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    const uses = volumeUses(object);
    // Volumes handed to injected sidecars by annotation (e.g. sidecar.istio.io/userVolumeMount) are used.
    const annotationText = Object.values(pod.metadata.annotations && typeof pod.metadata.annotations === 'object' ? (pod.metadata.annotations as Record<string, unknown>) : {})
      .filter((v): v is string => typeof v === 'string')
      .join('\n');
    for (const v of podVolumes(object)) {
      if (uses.has(v.name)) continue;
      if (annotationText.includes(`"${v.name}"`)) continue;
      report({
        path: [...v.path, 'name'],
        target: 'value',
        message: `Volume '${v.name}' of ${object.display} is mounted by no container: a leftover, or a volumeMount is missing.`,
      });
    }
  },
});
