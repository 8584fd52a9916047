import { allContainers } from '../../engine/workload';
import { defineRule } from '../types';
import { canonicalCapability, scPath, securityContext, stringItems, windowsExempt } from './pss';

export default defineRule({
  id: 'capabilities-not-dropped',
  category: 'privileges',
  severity: 'warning',
  description: 'A container does not drop ALL capabilities (capabilities.drop lacks ALL).',
  rationale:
    'Container runtimes grant a default set of capabilities (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID and more) that most applications never use; NET_RAW alone allows spoofing traffic on the pod network. Dropping ALL and adding back only what is needed is the least-privilege baseline, and Pod Security restricted requires it (Windows pods are exempt).',
  fix: 'Appends ALL to capabilities.drop, creating it if needed.',
  appliesTo: 'workload',
  peers: ['Polaris insecureCapabilities', 'Checkov CKV_K8S_37 / CKV_K8S_28', 'kube-linter drop-net-raw-capability', 'PSS restricted capabilities'],
  check({ object, report, kubernetesVersion }) {
    if (windowsExempt(object, kubernetesVersion)) return;
    for (const c of allContainers(object)) {
      const caps = securityContext(c).capabilities;
      const drop = stringItems(caps && typeof caps === 'object' ? (caps as Record<string, unknown>).drop : undefined);
      if (drop.some((d) => d.value === 'ALL')) continue;
      const dropPath = scPath(c, 'capabilities', 'drop');
      const near = drop.find((d) => canonicalCapability(d.value) === 'ALL');
      if (near) {
        // The runtime drops everything, but admission compares names exactly and wants "ALL".
        const path = [...dropPath, near.index];
        report({
          path,
          target: 'value',
          message: `Container '${c.name}' of ${object.display} drops '${near.value}': the runtime reads it as ALL, but Pod Security admission only recognises the exact name 'ALL'.`,
          fix: { title: `Write '${near.value}' as ALL in capabilities.drop of container '${c.name}'`, ops: [{ op: 'set', path, value: 'ALL' }], preferred: true },
        });
        continue;
      }
      report({
        path: drop.length ? dropPath : c.path,
        message: `Container '${c.name}' of ${object.display} does not drop ALL capabilities, so it keeps the runtime's defaults such as NET_RAW and DAC_OVERRIDE.`,
        fix: { title: `Drop ALL capabilities in container '${c.name}'`, ops: [{ op: 'append', path: dropPath, value: 'ALL' }], preferred: true, safe: false },
      });
    }
  },
});
