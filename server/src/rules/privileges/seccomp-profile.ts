import { versionAtLeast } from '../../engine/config';
import { asDict, asString } from '../../engine/object';
import type { Fix } from '../../engine/types';
import { allContainers, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { scPath, securityContext, windowsExempt } from './pss';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

export default defineRule({
  id: 'seccomp-profile',
  category: 'privileges',
  severity: 'info',
  description: 'A container runs without a seccomp profile: error when Unconfined, info when neither pod nor container sets one.',
  rationale:
    'Seccomp filters the system calls a container may make. Without a profile (Unconfined, the Kubernetes default unless the kubelet defaults to RuntimeDefault) a process can call every syscall, including rarely used ones where kernel exploits live. RuntimeDefault blocks those with almost no compatibility cost. Pod Security baseline forbids Unconfined; restricted requires RuntimeDefault or Localhost (Windows pods are exempt). The legacy seccomp annotations are honoured only before Kubernetes 1.27.',
  fix: 'Sets seccompProfile.type: RuntimeDefault in the pod securityContext (or on the container that sets Unconfined).',
  appliesTo: 'workload',
  peers: ['Checkov CKV_K8S_31', 'kube-score container-seccomp-profile', 'kubesec SeccompUnconfined', 'PSS baseline seccompProfile', 'PSS restricted seccompProfile'],
  check({ object, report, kubernetesVersion }) {
    const pod = podTemplate(object);
    if (!pod) return;
    const podTypePath = [...pod.specPath, 'securityContext', 'seccompProfile', 'type'];
    const podFix: Fix = { title: `Set seccompProfile type RuntimeDefault in the pod securityContext of ${object.display}`, ops: [{ op: 'set', path: podTypePath, value: 'RuntimeDefault' }], preferred: true };
    const podType = asString(asDict(asDict(pod.spec.securityContext).seccompProfile).type);
    if (podType === 'Unconfined') {
      report({
        path: podTypePath,
        target: 'pair',
        severity: 'error',
        message: `${object.display} sets seccomp Unconfined for the whole pod: its containers may make any system call, which Pod Security baseline forbids.`,
        fix: podFix,
      });
    }

    // Legacy annotations: honoured by the kubelet only before 1.27.
    const legacy = !versionAtLeast(kubernetesVersion, '1.27');
    const annotations = asDict(pod.metadata.annotations);
    const annotationPath = (key: string) => [...pod.metadataPath, 'annotations', key];
    if (legacy) {
      for (const [key, value] of Object.entries(annotations)) {
        if ((key === POD_ANNOTATION || key.startsWith(CONTAINER_ANNOTATION)) && value === 'unconfined') {
          report({
            path: annotationPath(key),
            target: 'pair',
            severity: 'error',
            message: `${object.display} runs ${key === POD_ANNOTATION ? 'the pod' : `container '${key.slice(CONTAINER_ANNOTATION.length)}'`} with seccomp unconfined (legacy annotation): it may make any system call.`,
          });
        }
      }
    }

    const exempt = windowsExempt(object, kubernetesVersion);
    for (const c of allContainers(object)) {
      const ownType = asString(asDict(securityContext(c).seccompProfile).type);
      if (ownType === 'Unconfined') {
        const path = scPath(c, 'seccompProfile', 'type');
        report({
          path,
          target: 'pair',
          severity: 'error',
          message: `Container '${c.name}' of ${object.display} sets seccomp Unconfined: it may make any system call, which Pod Security baseline forbids.`,
          fix: { title: `Set seccompProfile type RuntimeDefault on container '${c.name}'`, ops: [{ op: 'set', path, value: 'RuntimeDefault' }], preferred: true },
        });
        continue;
      }
      if (ownType || podType || exempt) continue;
      const annotation = annotations[CONTAINER_ANNOTATION + c.name] ?? annotations[POD_ANNOTATION];
      if (legacy && typeof annotation === 'string') continue;
      const stale = typeof annotation === 'string' ? ' (the legacy seccomp annotation is ignored since Kubernetes 1.27)' : '';
      report({
        path: c.path,
        message: `Container '${c.name}' of ${object.display} sets no seccomp profile (nor does its pod), so it may run unconfined, making any system call${stale}.`,
        fix: podFix,
      });
    }
  },
});
