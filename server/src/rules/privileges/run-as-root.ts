import { asDict } from '../../engine/object';
import { effectiveSecurity, allContainers, podTemplate, usesUserNamespace } from '../../engine/workload';
import { versionAtLeast } from '../../engine/config';
import { defineRule } from '../types';

export default defineRule({
  id: 'run-as-root',
  category: 'privileges',
  severity: 'warning',
  description: 'A container may run as root: neither pod nor container sets runAsNonRoot: true, or runAsUser is 0.',
  rationale:
    'Most images default to root. A root process that escapes its container is root on the node, and it can write anywhere in its own filesystem. runAsNonRoot: true makes the kubelet refuse to start a container whose user is 0 (Pod Security Standards restricted). From Kubernetes 1.35 pods with their own user namespace (hostUsers: false) are exempt: uid 0 there is not root on the node.',
  fix: 'Adds runAsNonRoot: true to the pod securityContext.',
  appliesTo: 'workload',
  peers: ['kube-linter run-as-non-root', 'Polaris runAsRootAllowed', 'Checkov CKV_K8S_23', 'PSS restricted runAsNonRoot/runAsUser'],
  check({ object, report, kubernetesVersion }) {
    const pod = podTemplate(object);
    if (!pod) return;
    // From 1.35, PSS accepts any user for pods in a user namespace: uid 0 there is not root on the node.
    if (usesUserNamespace(object) && versionAtLeast(kubernetesVersion, '1.35')) return;
    const podSc = asDict(pod.spec.securityContext);
    const podScPath = [...pod.specPath, 'securityContext'];
    // Bad pod-level values are reported once, at the pod, even when every container overrides them:
    // PSS rejects them there too, and a container added later would inherit them.
    if (podSc.runAsUser === 0) {
      report({
        path: [...podScPath, 'runAsUser'],
        target: 'pair',
        message: `${object.display} sets runAsUser: 0 (root) for the pod: a container escape gives root on the node.`,
      });
    }
    if (podSc.runAsNonRoot === false) {
      const path = [...podScPath, 'runAsNonRoot'];
      report({
        path,
        target: 'pair',
        message: `${object.display} sets runAsNonRoot: false for the pod, so its containers may run as root.`,
        fix: { title: `Set runAsNonRoot: true in the pod securityContext of ${object.display}`, ops: [{ op: 'set', path, value: true }], preferred: true },
      });
    }
    for (const c of allContainers(object)) {
      const user = effectiveSecurity(object, c, 'runAsUser');
      if (user.value === 0) {
        if (user.level === 'container' && user.path) {
          report({
            path: user.path,
            target: 'pair',
            message: `Container '${c.name}' of ${object.display} runs as user 0 (root): a container escape gives root on the node.`,
          });
        }
        continue;
      }
      const nonRoot = effectiveSecurity(object, c, 'runAsNonRoot');
      if (nonRoot.value === true) continue;
      if (nonRoot.value === false) {
        if (nonRoot.level === 'container' && nonRoot.path) {
          report({
            path: nonRoot.path,
            target: 'pair',
            message: `Container '${c.name}' of ${object.display} sets runAsNonRoot: false, so it may run as root.`,
            fix: { title: `Set runAsNonRoot: true on container '${c.name}'`, ops: [{ op: 'set', path: nonRoot.path, value: true }], preferred: true },
          });
        }
        continue;
      }
      // PSS restricted wants runAsNonRoot: true even when runAsUser is non-zero. One finding per
      // container; the fix sets it once at pod level, which every container inherits.
      report({
        path: c.path,
        message: `Container '${c.name}' of ${object.display} does not set runAsNonRoot: true (nor does its pod), so it runs as root if the image says so.`,
        fix: {
          title: `Set runAsNonRoot: true in the pod securityContext of ${object.display}`,
          ops: [{ op: 'set', path: [...podScPath, 'runAsNonRoot'], value: true }],
          preferred: true,
        },
      });
    }
  },
});
