import { asDict } from '../../engine/object';
import { containers, isWindowsPod, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { scPath, securityContext } from './pss';

export default defineRule({
  id: 'writable-root-filesystem',
  category: 'privileges',
  severity: 'warning',
  description: 'A container does not set readOnlyRootFilesystem: true.',
  rationale:
    'A writable root filesystem lets an attacker drop tools, modify binaries or configuration, and persist until the container restarts. With a read-only root the image is what runs; give the application emptyDir volumes for the few paths it writes (/tmp, caches). The setting exists only per container: a readOnlyRootFilesystem in the pod securityContext is not a valid field and does nothing.',
  fix: 'Sets readOnlyRootFilesystem: true on the container (review: the application may need an emptyDir for paths it writes).',
  appliesTo: 'workload',
  peers: ['kube-linter no-read-only-root-fs', 'Polaris notReadOnlyRootFilesystem', 'kube-score container-security-context-readonlyrootfilesystem', 'Checkov CKV_K8S_22'],
  check({ object, report }) {
    const pod = podTemplate(object);
    // Windows containers cannot have a read-only root filesystem (the API rejects the field).
    if (!pod || isWindowsPod(object)) return;
    const podLevel = asDict(pod.spec.securityContext).readOnlyRootFilesystem !== undefined;
    // Ephemeral debug containers are added by kubectl debug, not by the manifest author.
    for (const c of containers(object, { init: true, sidecars: true })) {
      const value = securityContext(c).readOnlyRootFilesystem;
      if (value === true) continue;
      const path = scPath(c, 'readOnlyRootFilesystem');
      const fix = { title: `Set readOnlyRootFilesystem: true on container '${c.name}'`, ops: [{ op: 'set' as const, path, value: true }], preferred: true, safe: false };
      if (value !== undefined && value !== null) {
        report({ path, target: 'pair', message: `Container '${c.name}' of ${object.display} has a writable root filesystem: an attacker can change its binaries and configuration.`, fix });
      } else {
        report({
          path: c.path,
          message: `Container '${c.name}' of ${object.display} does not set readOnlyRootFilesystem: true, so an attacker can change its binaries and configuration${podLevel ? ' (the pod-level readOnlyRootFilesystem is not a valid field and is ignored)' : ''}.`,
          fix,
        });
      }
    }
  },
});
