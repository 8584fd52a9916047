import { allContainers } from '../../engine/workload';
import { defineRule } from '../types';
import { canonicalCapability, scPath, securityContext, stringItems, windowsExempt } from './pss';

export default defineRule({
  id: 'privilege-escalation-allowed',
  category: 'privileges',
  severity: 'warning',
  description: 'A container does not set allowPrivilegeEscalation: false.',
  rationale:
    'Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent, for example through a setuid binary or file capabilities: an attacker who gets a shell as an unprivileged user can become root inside the container. Setting it to false turns on no_new_privs. Pod Security Standards restricted requires it on every container (Windows pods are exempt).',
  fix: 'Sets allowPrivilegeEscalation: false in the container securityContext (not offered on privileged or CAP_SYS_ADMIN containers, where the API rejects that combination).',
  appliesTo: 'workload',
  peers: ['Polaris privilegeEscalationAllowed', 'Checkov CKV_K8S_20', 'kube-linter privilege-escalation-container', 'PSS restricted allowPrivilegeEscalation'],
  examples: {
    bad: `containers:
- name: api
  image: ghcr.io/acme/api:2.4.1
  securityContext:
    allowPrivilegeEscalation: true\n`,
    good: `containers:
- name: api
  image: ghcr.io/acme/api:2.4.1
  securityContext:
    allowPrivilegeEscalation: false\n`,
  },
  check({ object, report, kubernetesVersion }) {
    if (windowsExempt(object, kubernetesVersion)) return;
    for (const c of allContainers(object)) {
      const sc = securityContext(c);
      const value = sc.allowPrivilegeEscalation;
      if (value === false) continue;
      const path = scPath(c, 'allowPrivilegeEscalation');
      // The API rejects allowPrivilegeEscalation: false together with privileged: true or an added
      // CAP_SYS_ADMIN, so a fix there would produce an object the server refuses.
      const sysAdmin = stringItems(((sc.capabilities ?? {}) as Record<string, unknown>).add).some((a) => canonicalCapability(a.value) === 'SYS_ADMIN');
      const implied = sc.privileged === true ? 'it is privileged' : sysAdmin ? 'it adds CAP_SYS_ADMIN' : undefined;
      const fix = implied
        ? undefined
        : { title: `Set allowPrivilegeEscalation: false on container '${c.name}'`, ops: [{ op: 'set' as const, path, value: false }], preferred: true };
      if (value !== undefined && value !== null) {
        report({
          path,
          target: 'pair',
          message: `Container '${c.name}' of ${object.display} allows privilege escalation: a setuid binary can make its process root${implied ? ` (and ${implied}, which implies it)` : ''}.`,
          fix,
        });
      } else {
        report({
          path: c.path,
          message: implied
            ? `Container '${c.name}' of ${object.display} can escalate privileges because ${implied}; Pod Security restricted rejects it.`
            : `Container '${c.name}' of ${object.display} does not set allowPrivilegeEscalation: false, so a setuid binary can make its process root.`,
          fix,
        });
      }
    }
  },
});
