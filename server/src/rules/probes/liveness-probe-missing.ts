import { containers, isLongRunning } from '../../engine/workload';
import { defineRule } from '../types';
import { probeFixFor } from './probeFix';

export default defineRule({
  id: 'liveness-probe-missing',
  category: 'probes',
  severity: 'info',
  description: 'A container of a long-running workload has no livenessProbe.',
  rationale:
    'A liveness probe lets the kubelet restart a container that is running but stuck (deadlocked, wedged on a lost connection). It is advice rather than a defect: a badly chosen liveness probe restarts healthy pods under load, so add one that checks only the process itself, never its dependencies.',
  fix: "Inserts a livenessProbe on the container's first declared port (httpGet for http-like port names, else tcpSocket).",
  appliesTo: 'long-running',
  peers: ['kube-linter no-liveness-probe', 'Polaris livenessProbeMissing', 'kube-score container-liveness-probe', 'Checkov CKV_K8S_8'],
  check({ object, report }) {
    if (!isLongRunning(object)) return;
    // Init containers run to completion; native sidecars are judged by their own owners.
    for (const c of containers(object)) {
      if (c.container.livenessProbe !== undefined) continue;
      report({
        path: c.path,
        message: `Container '${c.name}' of ${object.display} has no livenessProbe: if it hangs without exiting, nothing restarts it.`,
        fix: probeFixFor(c, 'livenessProbe'),
      });
    }
  },
});
