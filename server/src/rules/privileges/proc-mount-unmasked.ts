import { versionAtLeast } from '../../engine/config';
import { allContainers, usesUserNamespace } from '../../engine/workload';
import { defineRule } from '../types';
import { scPath, securityContext } from './pss';

export default defineRule({
  id: 'proc-mount-unmasked',
  category: 'privileges',
  severity: 'error',
  description: 'A container sets procMount to something other than Default (Unmasked).',
  rationale:
    'By default the runtime masks and makes read-only sensitive parts of /proc (kcore, sysrq-trigger, timer lists and more). procMount: Unmasked exposes them, which leaks kernel information and hands a process controls over the node. Pod Security baseline forbids it, except from 1.35 in pods with their own user namespace (hostUsers: false); restricted forbids it always.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['kube-linter unsafe-proc-mount', 'Polaris procMount', 'PSS baseline procMount', 'PSS restricted procMount'],
  check({ object, report, kubernetesVersion }) {
    // From 1.35 baseline allows any procMount in a user namespace; restricted still does not.
    const relaxed = usesUserNamespace(object) && versionAtLeast(kubernetesVersion, '1.35');
    for (const c of allContainers(object)) {
      const value = securityContext(c).procMount;
      if (value === undefined || value === null || value === 'Default') continue;
      report({
        path: scPath(c, 'procMount'),
        target: 'pair',
        severity: relaxed ? 'warning' : undefined,
        message: relaxed
          ? `Container '${c.name}' of ${object.display} sets procMount: ${String(value)}; Pod Security baseline allows it in a user namespace (hostUsers: false), but restricted does not.`
          : `Container '${c.name}' of ${object.display} sets procMount: ${String(value)}, exposing the parts of /proc the runtime masks (kernel memory, sysrq), which Pod Security baseline forbids.`,
      });
    }
  },
});
