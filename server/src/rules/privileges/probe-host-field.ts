import { versionAtLeast } from '../../engine/config';
import { asDict, isDict } from '../../engine/object';
import { allContainers } from '../../engine/workload';
import { defineRule } from '../types';

const HANDLERS: [string, ...string[]][] = [['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop']];
const ALLOWED = new Set(['', '127.0.0.1', '::1']);

export default defineRule({
  id: 'probe-host-field',
  category: 'privileges',
  severity: 'error',
  description: 'A probe or lifecycle handler (httpGet or tcpSocket) sets host to anything but 127.0.0.1 or ::1 (Pod Security baseline from 1.34).',
  rationale:
    'The kubelet runs probes and lifecycle hooks from the node. A host field makes it connect to any address the node can reach, so a pod author can use the kubelet to probe or poke internal services, cloud metadata endpoints or other nodes. Without host the kubelet targets the pod\'s own IP, which is what a health check needs. Pod Security baseline forbids it from Kubernetes 1.34.',
  fix: 'Removes host, so the kubelet targets the pod IP.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['PSS baseline hostProbesAndHostLifecycle'],
  check({ object, report, kubernetesVersion }) {
    if (!versionAtLeast(kubernetesVersion, '1.34')) return;
    for (const c of allContainers(object)) {
      for (const where of HANDLERS) {
        let handler: unknown = c.container;
        for (const k of where) handler = asDict(handler)[k];
        if (!isDict(handler)) continue;
        for (const action of ['httpGet', 'tcpSocket']) {
          const host = asDict(handler[action]).host;
          if (host === undefined || host === null || (typeof host === 'string' && ALLOWED.has(host))) continue;
          const path = [...c.path, ...where, action, 'host'];
          const what = where.join('.');
          report({
            path,
            target: 'pair',
            message: `Container '${c.name}' of ${object.display} points its ${what} ${action} at host '${String(host)}': the kubelet would connect there from the node, which Pod Security baseline forbids from 1.34.`,
            fix: { title: `Remove host from the ${what} of container '${c.name}'`, ops: [{ op: 'remove', path }], preferred: true, safe: false },
          });
        }
      }
    }
  },
});
