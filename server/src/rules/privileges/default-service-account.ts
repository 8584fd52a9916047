import { podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { serviceAccountOf } from './service-account-token';

export default defineRule({
  id: 'default-service-account',
  category: 'privileges',
  severity: 'info',
  description: 'A pod runs as its namespace\'s default service account (serviceAccountName unset or "default").',
  rationale:
    'The default service account is shared by every pod of the namespace that names no other: any permission granted to it for one workload is granted to all of them, and its API token cannot be told apart in audit logs. A dedicated service account per workload keeps permissions and audit trails separate. Pods that disable automountServiceAccountToken cannot use the account, so they are not reported.',
  appliesTo: 'workload',
  peers: ['kube-linter default-service-account', 'Checkov CKV_K8S_41', 'kubesec ServiceAccountName'],
  check({ object, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    const sa = serviceAccountOf(pod.spec);
    if (sa.name !== 'default') return;
    if (pod.spec.automountServiceAccountToken === false) return;
    const message = `${object.display} runs as the namespace's default service account, whose permissions and token are shared with every other pod that names none.`;
    if (sa.field) report({ path: [...pod.specPath, sa.field], target: 'pair', message });
    else report({ path: pod.specPath, message });
  },
});
