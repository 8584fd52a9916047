import { asDict } from '../../engine/object';
import { parseQuantity } from '../../engine/quantity';
import { allContainers } from '../../engine/workload';
import { defineRule } from '../types';

export default defineRule({
  id: 'limits-below-requests',
  category: 'resources',
  severity: 'error',
  description: 'A container\'s limit is lower than its request.',
  rationale:
    'The API server rejects a container whose limit for a resource is below its request ("must be less than or equal to ... limit"), so the pod is never created and a Deployment silently stays at zero ready replicas. It is usually a unit slip (128M vs 128Mi, 0.5 vs 500m in the other direction). Every container is checked: init containers and sidecars are validated the same way.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['API validation (resources.requests must be less than or equal to limits)'],
  check({ object, report }) {
    for (const c of allContainers(object)) {
      const res = asDict(c.container.resources);
      const requests = asDict(res.requests);
      const limits = asDict(res.limits);
      for (const [name, lim] of Object.entries(limits)) {
        const req = requests[name];
        const l = parseQuantity(lim);
        const r = parseQuantity(req);
        if (l === undefined || r === undefined || l >= r) continue;
        report({
          path: [...c.path, 'resources', 'limits', name],
          target: 'pair',
          message: `Container '${c.name}' of ${object.display} has a ${name} limit (${String(lim)}) below its request (${String(req)}): the API rejects the pod.`,
        });
      }
    }
  },
});
