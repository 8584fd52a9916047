import type { Severity } from '../../engine/types';
import { allContainers } from '../../engine/workload';
import { defineRule } from '../types';
import { BASELINE_CAPABILITIES, canonicalCapability, scPath, securityContext, stringItems, windowsExempt } from './pss';

export default defineRule({
  id: 'capabilities-added',
  category: 'privileges',
  severity: 'error',
  description: 'A container adds Linux capabilities: error outside the Pod Security baseline list (and always for ALL or SYS_ADMIN), warning for any other add but NET_BIND_SERVICE.',
  rationale:
    'Capabilities split root\'s power into pieces; adding one gives the container that piece back. SYS_ADMIN is nearly full root, NET_ADMIN and NET_RAW let a process reconfigure or spoof the node\'s network, SYS_PTRACE and SYS_MODULE reach other processes and the kernel. Pod Security baseline allows only a short list of harmless ones; restricted allows only NET_BIND_SERVICE (binding ports below 1024). Admission compares names exactly, while the runtime also accepts a CAP_ prefix and any case, so Daytwo judges the capability by what the runtime grants and reports spellings admission rejects.',
  fix: 'Removes the capability from capabilities.add.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['Polaris dangerousCapabilities', 'Checkov CKV_K8S_25 / CKV_K8S_39', 'kubesec CapSysAdmin', 'PSS baseline capabilities', 'PSS restricted capabilities'],
  examples: {
    bad: `securityContext:
  capabilities:
    add: [NET_ADMIN, SYS_ADMIN]\n`,
    good: `securityContext:
  capabilities:
    drop: [ALL]
    add: [NET_BIND_SERVICE]\n`,
  },
  check({ object, report, kubernetesVersion }) {
    const windows = windowsExempt(object, kubernetesVersion);
    for (const c of allContainers(object)) {
      const caps = (securityContext(c).capabilities ?? {}) as Record<string, unknown>;
      for (const { value, index } of stringItems(caps.add)) {
        const cap = canonicalCapability(value);
        const path = scPath(c, 'capabilities', 'add', index);
        const exact = value === cap;
        const remove = { title: `Remove capability ${value} from container '${c.name}'`, ops: [{ op: 'remove' as const, path, pruneEmpty: true }], preferred: true, safe: false };
        const who = `Container '${c.name}' of ${object.display}`;
        let severity: Severity;
        let message: string;
        if (cap === 'ALL') {
          severity = 'error';
          message = `${who} adds ALL capabilities: it has every power of root on the node's kernel.`;
        } else if (cap === 'SYS_ADMIN') {
          severity = 'error';
          message = `${who} adds SYS_ADMIN, which is close to full root (mounts, namespaces, many kernel interfaces) and makes escaping the container easy.`;
        } else if (!BASELINE_CAPABILITIES.has(cap)) {
          severity = 'error';
          message = `${who} adds ${value}, which Pod Security baseline forbids: it gives the container a kernel power beyond the default set.`;
        } else if (!exact) {
          // The runtime grants it, but admission compares names exactly and rejects this spelling.
          severity = 'warning';
          message = `${who} adds ${value}: Pod Security admission only recognises the exact name '${cap}'${cap === 'NET_BIND_SERVICE' ? '' : ', and restricted allows only NET_BIND_SERVICE'}.`;
          if (cap === 'NET_BIND_SERVICE') {
            report({
              path,
              target: 'value',
              severity,
              message,
              fix: { title: `Write capability ${value} as NET_BIND_SERVICE on container '${c.name}'`, ops: [{ op: 'set', path, value: 'NET_BIND_SERVICE' }], preferred: true },
            });
            continue;
          }
        } else if (cap === 'NET_BIND_SERVICE') {
          continue;
        } else {
          if (windows) continue;
          severity = 'warning';
          message = `${who} adds ${value}: Pod Security restricted allows adding only NET_BIND_SERVICE.`;
        }
        report({ path, target: 'value', severity, message, fix: remove });
      }
    }
  },
});
