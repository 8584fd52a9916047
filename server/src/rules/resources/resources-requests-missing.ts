import { parseQuantity } from '../../engine/quantity';
import type { FixOp } from '../../engine/types';
import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { hasRequest, limitRangeDefault, limitsOf, resourceContainers } from './resourceUtil';

const DEFAULTS: Record<string, string> = { cpu: '100m', memory: '128Mi' };

export default defineRule({
  id: 'resources-requests-missing',
  category: 'resources',
  severity: 'warning',
  description: 'A container has no cpu and/or memory request.',
  rationale:
    'The scheduler places pods by their requests. Without them a pod is packed onto a node as if it needed nothing, competes for CPU with no guaranteed share, and is among the first evicted under memory pressure (BestEffort QoS). Regular containers and native sidecars are judged, since both run for the pod\'s life and their requests add up; plain init containers run before the app and are not. A limit without a request counts as a request (the API copies it). When a LimitRange in the namespace fills the default, the finding drops to info.',
  fix: 'Adds the missing resources.requests (cpu 100m, memory 128Mi, never above an existing limit), keeping the requests already there.',
  appliesTo: 'workload',
  crossResource: true,
  peers: ['kube-linter unset-cpu-requirements', 'kube-score container-resources', 'Polaris cpuRequestsMissing/memoryRequestsMissing', 'Checkov CKV_K8S_10/CKV_K8S_12'],
  check({ object, index, report }) {
    if (!isWorkload(object)) return;
    for (const c of resourceContainers(object)) {
      const missing = ['cpu', 'memory'].filter((r) => !hasRequest(c, r));
      if (!missing.length) continue;
      const values: Record<string, string> = {};
      for (const r of missing) {
        values[r] = DEFAULTS[r];
        // Never insert a request above a limit (limits-below-requests would then fire).
        const lim = limitsOf(c)[r];
        const limN = parseQuantity(lim);
        if (limN !== undefined && limN < (parseQuantity(DEFAULTS[r]) ?? 0)) values[r] = String(lim);
      }
      const ops: FixOp[] = missing.map((r) => ({ op: 'set', path: [...c.path, 'resources', 'requests', r], value: values[r] }));
      const lrs = missing.map((r) => limitRangeDefault(index, object, r, 'request'));
      const byLimitRange = lrs.every((l) => l !== undefined);
      const what = missing.length === 2 ? 'cpu and memory requests' : `${missing[0]} request`;
      report({
        path: [...c.path, 'resources', 'requests', missing[0]],
        severity: byLimitRange ? 'info' : undefined,
        message: byLimitRange
          ? `Container '${c.name}' of ${object.display} has no ${what}; ${lrs[0]!.display} fills a default at admission, but the value is not visible or reviewed here.`
          : `Container '${c.name}' of ${object.display} has no ${what}: the scheduler places it as if it needed nothing and it is evicted first under pressure.`,
        fix: {
          title: `Add resources.requests (${missing.map((r) => `${r} ${values[r]}`).join(', ')}) to container '${c.name}'`,
          ops,
          preferred: true,
        },
      });
    }
  },
});
