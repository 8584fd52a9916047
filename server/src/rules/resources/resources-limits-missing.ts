import { parseQuantity } from '../../engine/quantity';
import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { hasLimit, limitRangeDefault, requestsOf, resourceContainers } from './resourceUtil';

const DEFAULT_LIMIT = '256Mi';

export default defineRule({
  id: 'resources-limits-missing',
  category: 'resources',
  severity: 'warning',
  description: 'A container has no memory limit.',
  rationale:
    'Without a memory limit a leaking container grows until the node runs out of memory, and the kernel or kubelet then kills whatever it picks, often other workloads. A limit confines the damage to the container that leaks. Only memory is required: CPU limits cause throttling even on idle nodes and are a contested practice, so their absence is not reported. Regular containers and native sidecars are judged; when a LimitRange in the namespace sets a default limit, the finding drops to info.',
  fix: 'Adds resources.limits.memory: the container\'s memory request when it has one (Guaranteed memory), else 256Mi (never below the request).',
  appliesTo: 'workload',
  crossResource: true,
  peers: ['kube-linter unset-memory-requirements', 'kube-score container-resources', 'Polaris memoryLimitsMissing', 'Checkov CKV_K8S_13'],
  check({ object, index, report }) {
    if (!isWorkload(object)) return;
    for (const c of resourceContainers(object)) {
      if (hasLimit(c, 'memory')) continue;
      const req = requestsOf(c).memory;
      const reqN = parseQuantity(req);
      const value = reqN !== undefined && reqN > 0 && (typeof req === 'string' || typeof req === 'number') ? req : DEFAULT_LIMIT;
      const lr = limitRangeDefault(index, object, 'memory', 'limit');
      report({
        path: [...c.path, 'resources', 'limits', 'memory'],
        severity: lr ? 'info' : undefined,
        message: lr
          ? `Container '${c.name}' of ${object.display} has no memory limit; ${lr.display} fills a default at admission, but the value is not visible or reviewed here.`
          : `Container '${c.name}' of ${object.display} has no memory limit: a leak can exhaust the node's memory and take other pods down with it.`,
        fix: {
          title: `Add resources.limits.memory: ${value} to container '${c.name}'`,
          ops: [{ op: 'set', path: [...c.path, 'resources', 'limits', 'memory'], value }],
          preferred: true,
        },
      });
    }
  },
});
