import { asArray } from '../../engine/object';
import { defineRule } from '../types';
import { stringItems } from './pss';
import { aggregatedInto, isRbac, isSystem, policyRules } from './rbac';

const READ = new Set(['get', 'list', 'watch', '*']);

export default defineRule({
  id: 'rbac-secrets-access',
  category: 'privileges',
  severity: 'info',
  description: 'A Role or ClusterRole grants get, list or watch (or "*") on Secrets.',
  rationale:
    'Reading Secrets reads every credential stored in them: database passwords, TLS keys and service-account tokens of other workloads. list and watch return all Secrets of the scope at once. Some controllers need it; most applications do not, and those that do can usually be limited to named Secrets (resourceNames with get only, which is not reported).',
  appliesTo: ['Role', 'ClusterRole'],
  runsOnPatches: true,
  peers: ['kube-linter access-to-secrets', 'Checkov CKV2_K8S_5'],
  check({ object, report }) {
    if (!isRbac(object, ['Role', 'ClusterRole']) || isSystem(object)) return;
    const into = aggregatedInto(object);
    for (const { rule, index } of policyRules(object)) {
      const groups = stringItems(rule.apiGroups).map((g) => g.value);
      if (groups.length && !groups.includes('') && !groups.includes('*')) continue;
      const verbs = stringItems(rule.verbs).map((v) => v.value).filter((v) => READ.has(v));
      if (!verbs.length) continue;
      // get on named Secrets is the least-privilege way to read one's own Secret.
      if (asArray(rule.resourceNames).length && verbs.every((v) => v === 'get')) continue;
      for (const item of stringItems(rule.resources)) {
        if (item.value !== 'secrets') continue;
        const scope = object.kind === 'ClusterRole' ? 'in every namespace it is bound for' : `in namespace '${object.effectiveNamespace}'`;
        report({
          path: ['rules', index, 'resources', item.index],
          target: 'value',
          message: `${object.display} grants ${verbs.join(', ')} on Secrets ${scope}: whoever holds it reads their credentials${into.length ? ` (and it is aggregated into ${into.join(', ')})` : ''}.`,
        });
      }
    }
  },
});
