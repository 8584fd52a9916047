import { asArray, asString, isDict } from '../../engine/object';
import { podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { safeSysctls, sysctlSafeSince } from './pss';

export default defineRule({
  id: 'unsafe-sysctl',
  category: 'privileges',
  severity: 'error',
  description: 'The pod sets a sysctl outside the Pod Security baseline safe set for the target Kubernetes version.',
  rationale:
    'Unsafe sysctls are not fully isolated per pod: changing them can affect every pod on the node or the kernel itself, and the kubelet refuses them unless an administrator allows them node by node (the pod then fails with SysctlForbidden). Pod Security baseline allows only the namespaced, harmless ones; the list grows with the Kubernetes version.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['kube-linter unsafe-sysctls', 'PSS baseline sysctls'],
  check({ object, report, kubernetesVersion }) {
    const pod = podTemplate(object);
    if (!pod) return;
    const safe = new Set(safeSysctls(kubernetesVersion));
    const base = [...pod.specPath, 'securityContext', 'sysctls'];
    const sysctls = isDict(pod.spec.securityContext) ? pod.spec.securityContext.sysctls : undefined;
    asArray(sysctls).forEach((s, i) => {
      const name = isDict(s) ? asString(s.name) : undefined;
      if (name === undefined || safe.has(name)) return;
      const dotted = name.replace(/\//g, '.');
      const since = sysctlSafeSince(dotted);
      let why: string;
      if (dotted !== name && (safe.has(dotted) || since)) why = `Pod Security admission compares names exactly; write it as '${dotted}'`;
      else if (since) why = `it is in the safe set only from Kubernetes ${since}, and the target version is ${kubernetesVersion}`;
      else why = 'it is not namespaced safely, so it can affect other pods or the node, and the kubelet rejects it unless the node allows it';
      report({
        path: [...base, i, 'name'],
        target: 'pair',
        message: `${object.display} sets unsafe sysctl '${name}': ${why}.`,
      });
    });
  },
});
