import { defineRule } from '../types';
import { aggregatedInto, isRbac, isSystem, policyRules } from './rbac';
import { stringItems } from './pss';

const MEANING: Record<string, string> = {
  verbs: 'every verb, including delete, escalate, bind and impersonate',
  resources: 'every resource of its API groups, including Secrets and any resource added later',
  apiGroups: 'every API group, including ones installed later by CRDs',
};

export default defineRule({
  id: 'rbac-wildcard',
  category: 'privileges',
  severity: 'warning',
  description: 'A Role or ClusterRole rule uses "*" in verbs, resources or apiGroups.',
  rationale:
    'A wildcard grants more than anyone reviewed: every verb includes escalate, bind and impersonate, every resource includes Secrets, and every group includes whatever CRDs are installed next year. List the verbs and resources the workload actually uses. Kubernetes\' own system: roles are not reported.',
  appliesTo: ['Role', 'ClusterRole'],
  runsOnPatches: true,
  peers: ['kube-linter wildcard-in-rules', 'Checkov CKV_K8S_49'],
  check({ object, report }) {
    if (!isRbac(object, ['Role', 'ClusterRole']) || isSystem(object)) return;
    const into = aggregatedInto(object);
    const aggregated = into.length ? ` It is aggregated into ${into.join(', ')}, so everyone bound to ${into.length > 1 ? 'those roles' : 'that role'} gets it too.` : '';
    for (const { rule, index } of policyRules(object)) {
      for (const field of ['apiGroups', 'resources', 'verbs']) {
        for (const item of stringItems(rule[field])) {
          if (item.value !== '*') continue;
          report({
            path: ['rules', index, field, item.index],
            target: 'value',
            message: `${object.display} grants "*" in ${field}, which means ${MEANING[field]}.${aggregated}`,
          });
        }
      }
    }
  },
});
