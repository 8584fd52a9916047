import { asDict } from '../../engine/object';
import { containers, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { isEmptyDir, podVolumes } from './volumes';

export default defineRule({
  id: 'emptydir-size-limit',
  category: 'storage',
  severity: 'info',
  description: 'An emptyDir volume has no sizeLimit.',
  rationale:
    'An unbounded emptyDir grows on the node\'s disk (or, with medium: Memory, in its RAM) until the kubelet evicts pods under disk or memory pressure, often other teams\' pods first. A sizeLimit makes the kubelet evict only the pod that overflows. Not reported when every container already has an ephemeral-storage limit (for disk-backed emptyDirs) or a memory limit (for memory-backed ones), since those bound the volume too.',
  appliesTo: 'workload',
  runsOnPatches: false,
  peers: ['kube-score container-ephemeral-storage-request-and-limit (related)'],
  check({ object, report }) {
    if (!podTemplate(object)) return;
    const cs = containers(object, { sidecars: true });
    const allLimit = (res: string) => cs.length > 0 && cs.every((c) => asDict(asDict(c.container.resources).limits)[res] !== undefined);
    for (const v of podVolumes(object)) {
      if (!isEmptyDir(v.volume)) continue;
      const ed = asDict(v.volume.emptyDir);
      if (ed.sizeLimit !== undefined && ed.sizeLimit !== null) continue;
      const memory = ed.medium === 'Memory';
      if (allLimit(memory ? 'memory' : 'ephemeral-storage')) continue;
      report({
        path: [...v.path, 'emptyDir'],
        message: memory
          ? `emptyDir '${v.name}' of ${object.display} is memory-backed without sizeLimit: it can fill the node's RAM and trigger evictions.`
          : `emptyDir '${v.name}' of ${object.display} has no sizeLimit: it can fill the node's disk and get other pods evicted.`,
      });
    }
  },
});
