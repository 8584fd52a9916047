import { containers, isLongRunning } from '../../engine/workload';
import { defineRule } from '../types';
import { probeFixFor } from './probeFix';

export default defineRule({
  id: 'readiness-probe-missing',
  category: 'probes',
  severity: 'warning',
  description: 'A container of a long-running workload has no readinessProbe.',
  rationale:
    'Without a readiness probe a pod receives traffic the moment its process starts, before it can serve, and keeps receiving it while it is overloaded or its dependencies are down. Rollouts then cause errors that a probe would have hidden.',
  fix: 'Inserts a readinessProbe on the container\'s first declared port (httpGet for http-like port names, else tcpSocket).',
  appliesTo: 'long-running',
  peers: ['kube-linter no-readiness-probe', 'Polaris readinessProbeMissing', 'kube-score container-readiness-probe', 'Checkov CKV_K8S_9'],
  check({ object, report }) {
    if (!isLongRunning(object)) return;
    // Init containers run to completion and native sidecars are not part of the pod's readiness contract here.
    for (const c of containers(object)) {
      if (c.container.readinessProbe !== undefined) continue;
      report({
        path: c.path,
        message: `Container '${c.name}' of ${object.display} has no readinessProbe: it gets traffic before it can serve and while it cannot.`,
        fix: probeFixFor(c, 'readinessProbe'),
      });
    }
  },
});
