import { asArray, asDict, asString, isDict } from '../../engine/object';
import { defineRule } from '../types';
import { isRbac, isSystem } from './rbac';

export default defineRule({
  id: 'rbac-cluster-admin',
  category: 'privileges',
  severity: 'error',
  description: 'A RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole.',
  rationale:
    'cluster-admin is every permission on every resource: whoever holds it can read every Secret, run privileged pods on any node and grant itself anything else. Bound cluster-wide it owns the cluster; even in a RoleBinding it owns the namespace, its Secrets and its RBAC. Grant a role with the verbs and resources the subject needs. Kubernetes\' own system: bindings are not reported.',
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  runsOnPatches: true,
  peers: ['kube-linter cluster-admin-role-binding', 'Polaris clusterrolebindingClusterAdmin / rolebindingClusterAdminClusterRole'],
  examples: {
    bad: `kind: ClusterRoleBinding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- kind: ServiceAccount
  name: deployer
  namespace: ci\n`,
    good: `kind: RoleBinding
metadata:
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: deployer
subjects:
- kind: ServiceAccount
  name: deployer
  namespace: ci\n`,
  },
  check({ object, report }) {
    if (!isRbac(object, ['RoleBinding', 'ClusterRoleBinding']) || isSystem(object)) return;
    const ref = asDict(object.value.roleRef);
    if (ref.name !== 'cluster-admin' || (ref.kind !== undefined && ref.kind !== 'ClusterRole')) return;
    const subjects = asArray(object.value.subjects)
      .filter(isDict)
      .map((s) => `${asString(s.kind) ?? 'subject'} ${s.namespace ? `${String(s.namespace)}/` : ''}${asString(s.name) ?? '?'}`);
    const to = subjects.length ? ` to ${subjects.join(', ')}` : '';
    const scope = object.kind === 'ClusterRoleBinding' ? 'full control of the whole cluster' : `full control of namespace '${object.effectiveNamespace}', its Secrets and its RBAC`;
    report({
      path: ['roleRef', 'name'],
      target: 'pair',
      message: `${object.display} grants cluster-admin${to}: ${scope}.`,
    });
  },
});
