import { asDict } from '../../engine/object';
import { allContainers } from '../../engine/workload';
import { defineRule } from '../types';

export default defineRule({
  id: 'privileged-container',
  category: 'privileges',
  severity: 'error',
  description: 'A container runs privileged (securityContext.privileged: true).',
  rationale:
    'A privileged container has every capability and the host\'s devices: escaping to the node is trivial, so one compromised process owns the node and every pod on it. Pod Security Standards baseline forbids it.',
  fix: 'Sets privileged: false.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['kube-linter privileged-container', 'Polaris privilegeEscalationAllowed', 'Checkov CKV_K8S_16', 'PSS baseline privileged'],
  check({ object, report }) {
    for (const c of allContainers(object)) {
      if (asDict(c.container.securityContext).privileged !== true) continue;
      const path = [...c.path, 'securityContext', 'privileged'];
      report({
        path,
        target: 'pair',
        message: `Container '${c.name}' of ${object.display} runs privileged: it can take over the node it runs on.`,
        fix: { title: `Set privileged: false on container '${c.name}'`, ops: [{ op: 'set', path, value: false }], preferred: true, safe: false },
      });
    }
  },
});
