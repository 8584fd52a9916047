import { asDict } from '../../engine/object';
import { allContainers, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { scPath, securityContext } from './pss';

export default defineRule({
  id: 'windows-host-process',
  category: 'privileges',
  severity: 'error',
  description: 'A Windows HostProcess container (windowsOptions.hostProcess: true) at pod or container level.',
  rationale:
    'A HostProcess container runs directly on the Windows node as a host process, with the node\'s network and filesystem and, typically, SYSTEM rights: it is the Windows equivalent of a privileged container. Pod Security baseline forbids it; keep it to node-management workloads in a privileged namespace.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['Polaris hostProcess', 'PSS baseline windowsHostProcess'],
  check({ object, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    if (asDict(asDict(pod.spec.securityContext).windowsOptions).hostProcess === true) {
      report({
        path: [...pod.specPath, 'securityContext', 'windowsOptions', 'hostProcess'],
        target: 'pair',
        message: `${object.display} runs its containers as Windows HostProcess containers, with full access to the node.`,
      });
    }
    for (const c of allContainers(object)) {
      if (asDict(securityContext(c).windowsOptions).hostProcess !== true) continue;
      report({
        path: scPath(c, 'windowsOptions', 'hostProcess'),
        target: 'pair',
        message: `Container '${c.name}' of ${object.display} is a Windows HostProcess container, with full access to the node.`,
      });
    }
  },
});
