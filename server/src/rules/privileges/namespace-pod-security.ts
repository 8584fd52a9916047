import { closest } from '../../engine/config';
import { isWorkload, WORKLOAD_KINDS } from '../../engine/workload';
import { defineRule } from '../types';

const PREFIX = 'pod-security.kubernetes.io/';
const MODES = ['enforce', 'audit', 'warn'];
const LEVELS = ['privileged', 'baseline', 'restricted'];
const KEYS = MODES.flatMap((m) => [`${PREFIX}${m}`, `${PREFIX}${m}-version`]);

export default defineRule({
  id: 'namespace-pod-security',
  category: 'privileges',
  severity: 'warning',
  description: 'A Namespace has a pod-security.kubernetes.io label with an invalid level or version; info when a namespace holding workloads in the workspace has no enforce label.',
  rationale:
    'Pod Security admission reads the namespace labels pod-security.kubernetes.io/{enforce,audit,warn} (level privileged, baseline or restricted) and their -version (latest or v1.N). A misspelt key or value is not an error at apply time: admission falls back to the cluster default, usually privileged, so the namespace you believe protected is not. Without an enforce label any pod is admitted, including privileged ones.',
  fix: 'Adds the label pod-security.kubernetes.io/enforce: baseline.',
  appliesTo: ['Namespace'],
  crossResource: true,
  runsOnPatches: true,
  peers: ['PSS admission labels'],
  check({ object, index, report, isPatch }) {
    if (object.kind !== 'Namespace' || object.group !== '') return;
    const labels = object.labels;
    for (const [key, value] of Object.entries(labels)) {
      if (!key.startsWith(PREFIX)) continue;
      const path = ['metadata', 'labels', key];
      const suffix = key.slice(PREFIX.length);
      if (MODES.includes(suffix)) {
        if (LEVELS.includes(value)) continue;
        const near = closest(value, LEVELS);
        report({
          path,
          target: 'value',
          message: `${object.display} sets ${key} to '${value}', which is not a Pod Security level (privileged, baseline, restricted)${near ? `: did you mean '${near}'?` : ''}; admission ignores it and applies the cluster default.`,
          fix: near ? { title: `Change ${key} to '${near}'`, ops: [{ op: 'set', path, value: near }], preferred: true } : undefined,
        });
      } else if (MODES.some((m) => suffix === `${m}-version`)) {
        if (value === 'latest' || /^v1\.(0|[1-9]\d*)$/.test(value)) continue;
        const fixed = /^1\.\d+$/.test(value) ? `v${value}` : undefined;
        report({
          path,
          target: 'value',
          message: `${object.display} sets ${key} to '${value}', which is not a policy version ('latest' or 'v1.N')${fixed ? `: did you mean '${fixed}'?` : ''}; admission falls back to latest.`,
          fix: fixed ? { title: `Change ${key} to '${fixed}'`, ops: [{ op: 'set', path, value: fixed }], preferred: true } : undefined,
        });
      } else {
        const near = closest(key, KEYS, 3);
        report({
          path,
          target: 'key',
          message: `${object.display} has label ${key}, which Pod Security admission does not read${near ? `: did you mean '${near}'?` : ''}.`,
          fix: near ? { title: `Rename the label to ${near}`, ops: [{ op: 'rename', path, to: near }], preferred: true } : undefined,
        });
      }
    }
    if (isPatch || labels[`${PREFIX}enforce`] !== undefined) return;
    const ns = object.name;
    if (!ns) return;
    const workloads = WORKLOAD_KINDS.flatMap((k) => index.ofKind(k, ns)).filter(isWorkload);
    if (!workloads.length) return;
    const path = ['metadata', 'labels', `${PREFIX}enforce`];
    report({
      path: ['metadata', 'name'],
      target: 'value',
      severity: 'info',
      message: `${object.display} holds ${workloads.length} workload${workloads.length > 1 ? 's' : ''} (e.g. ${workloads[0].display}) but has no ${PREFIX}enforce label, so Pod Security admission accepts any pod in it, privileged ones included.`,
      fix: { title: `Add label ${PREFIX}enforce: baseline to ${object.display}`, ops: [{ op: 'set', path, value: 'baseline' }], preferred: true, safe: false },
    });
  },
});
