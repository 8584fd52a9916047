import { asArray, isDict } from '../../engine/object';
import { allContainers } from '../../engine/workload';
import { defineRule } from '../types';

export default defineRule({
  id: 'host-port',
  category: 'privileges',
  severity: 'warning',
  description: 'A container port is bound to a port of the node (hostPort).',
  rationale:
    'A hostPort opens the port on the node\'s own address, bypassing NetworkPolicies that protect the pod network, and limits scheduling to one such pod per node (a second replica stays Pending). Expose pods through a Service instead. Pod Security baseline forbids host ports (0 means none).',
  fix: 'Removes hostPort.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['Polaris hostPortSet', 'Checkov CKV_K8S_26', 'PSS baseline hostPorts'],
  check({ object, report }) {
    for (const c of allContainers(object)) {
      asArray(c.container.ports).forEach((p, i) => {
        if (!isDict(p) || p.hostPort === undefined || p.hostPort === null || p.hostPort === 0) return;
        const path = [...c.path, 'ports', i, 'hostPort'];
        report({
          path,
          target: 'pair',
          message: `Container '${c.name}' of ${object.display} binds node port ${String(p.hostPort)}: it bypasses network policies and allows one such pod per node.`,
          fix: { title: `Remove hostPort ${String(p.hostPort)} from container '${c.name}'`, ops: [{ op: 'remove', path }], preferred: true, safe: false },
        });
      });
    }
  },
});
