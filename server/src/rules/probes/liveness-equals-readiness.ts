import { isDict } from '../../engine/object';
import { containers } from '../../engine/workload';
import { defineRule } from '../types';
import { normalizedProbe, sameData } from './probeUtil';

export default defineRule({
  id: 'liveness-equals-readiness',
  category: 'probes',
  severity: 'warning',
  description: 'The liveness and readiness probes of a container are identical (same handler and timing, defaults applied).',
  rationale:
    'Readiness answers "should this pod get traffic now?", liveness "is this process beyond saving?". When both are the same check, a pod that is merely busy or waiting on a slow dependency fails liveness at the same moment it leaves the load balancer and gets restarted, turning a brief slowdown into a restart storm.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['kube-score container-probes-identical'],
  check({ object, report }) {
    for (const c of containers(object, { sidecars: true })) {
      const live = c.container.livenessProbe;
      const ready = c.container.readinessProbe;
      if (!isDict(live) || !isDict(ready)) continue;
      const a = normalizedProbe(c, live);
      const b = normalizedProbe(c, ready);
      // A probe without a handler is invalid anyway (schema reports it).
      if (!('httpGet' in a || 'tcpSocket' in a || 'grpc' in a || 'exec' in a)) continue;
      if (!sameData(a, b)) continue;
      report({
        path: [...c.path, 'livenessProbe'],
        message: `Container '${c.name}' of ${object.display} uses the same check and timing for liveness and readiness: when it is only slow, it is restarted at the moment it stops getting traffic. Make liveness check the process alone, with a longer period or failure threshold.`,
      });
    }
  },
});
