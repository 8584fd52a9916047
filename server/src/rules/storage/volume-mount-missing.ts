import { closest } from '../../engine/config';
import { asArray, isDict } from '../../engine/object';
import { allContainers, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { claimTemplates, podVolumes } from './volumes';

export default defineRule({
  id: 'volume-mount-missing',
  category: 'storage',
  severity: 'error',
  description: 'A volumeMount or volumeDevice names no volume of the pod.',
  rationale:
    'The API server rejects a pod whose container mounts a volume the pod does not declare, so the workload never gets a single pod: a Deployment stays at zero ready replicas with the error only in its ReplicaSet\'s events. In a StatefulSet, a volumeClaimTemplate also declares a volume of that name.',
  appliesTo: 'workload',
  peers: ['API validation (spec.containers[].volumeMounts[].name: Not found)'],
  check({ object, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    // A templated or malformed `volumes` cannot be judged.
    if (pod.spec.volumes !== undefined && pod.spec.volumes !== null && !Array.isArray(pod.spec.volumes)) return;
    const declared = new Set([...podVolumes(object).map((v) => v.name), ...claimTemplates(object).flatMap((t) => (t.name ? [t.name] : []))]);
    for (const c of allContainers(object)) {
      for (const field of ['volumeMounts', 'volumeDevices'] as const) {
        asArray(c.container[field]).forEach((m, i) => {
          if (!isDict(m) || typeof m.name !== 'string' || declared.has(m.name)) return;
          const hint = closest(m.name, declared);
          report({
            path: [...c.path, field, i, 'name'],
            target: 'value',
            message: `Container '${c.name}' of ${object.display} mounts volume '${m.name}', which the pod does not declare${hint ? ` (did you mean '${hint}'?)` : ''}: the API rejects the pod.`,
          });
        });
      }
    }
  },
});
