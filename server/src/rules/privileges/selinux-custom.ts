import { asDict } from '../../engine/object';
import type { Path } from '../../engine/types';
import { allContainers, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { allowedSelinuxTypes, scPath, securityContext } from './pss';

export default defineRule({
  id: 'selinux-custom',
  category: 'privileges',
  severity: 'error',
  description: 'seLinuxOptions sets a type outside the Pod Security allowed set, or sets user or role.',
  rationale:
    'On SELinux nodes the container type confines what a container may touch on the host. A custom type (spc_t, unconfined_t, …) or a custom user or role can lift that confinement entirely. Pod Security baseline allows only the container types (container_t, container_init_t, container_kvm_t, and container_engine_t from 1.31) and no user or role; the level (MCS categories) is free.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['Polaris linuxHardening', 'PSS baseline seLinuxOptions'],
  check({ object, report, kubernetesVersion }) {
    const pod = podTemplate(object);
    if (!pod) return;
    const allowed = allowedSelinuxTypes(kubernetesVersion);
    const judge = (opts: unknown, base: Path, who: string) => {
      const o = asDict(opts);
      const type = o.type;
      if (type !== undefined && type !== null && type !== '' && !allowed.includes(String(type))) {
        const later = type === 'container_engine_t' ? ` (allowed from Kubernetes 1.31; the target is ${kubernetesVersion})` : '';
        report({
          path: [...base, 'type'],
          target: 'pair',
          message: `${who} uses SELinux type '${String(type)}', outside the Pod Security baseline set (${allowed.join(', ')})${later}: it can lift SELinux confinement.`,
        });
      }
      for (const field of ['user', 'role']) {
        const v = o[field];
        if (v === undefined || v === null || v === '') continue;
        report({
          path: [...base, field],
          target: 'pair',
          message: `${who} sets SELinux ${field} '${String(v)}', which Pod Security baseline forbids: a custom ${field} can lift SELinux confinement.`,
        });
      }
    };
    judge(asDict(pod.spec.securityContext).seLinuxOptions, [...pod.specPath, 'securityContext', 'seLinuxOptions'], `${object.display}`);
    for (const c of allContainers(object)) judge(securityContext(c).seLinuxOptions, scPath(c, 'seLinuxOptions'), `Container '${c.name}' of ${object.display}`);
  },
});
