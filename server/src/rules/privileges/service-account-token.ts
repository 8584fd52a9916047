import { asArray, asDict, asString, isDict, type K8sObject } from '../../engine/object';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { podTemplate } from '../../engine/workload';
import { defineRule } from '../types';

/** The service account a pod runs as: serviceAccountName, else the deprecated serviceAccount, else "default". */
export function serviceAccountOf(spec: Record<string, unknown>): { name: string; field?: 'serviceAccountName' | 'serviceAccount' } {
  const n = asString(spec.serviceAccountName);
  if (n) return { name: n, field: 'serviceAccountName' };
  const old = asString(spec.serviceAccount);
  if (old) return { name: old, field: 'serviceAccount' };
  return { name: 'default' };
}

/** Bindings in the workspace that grant a role to this service account. */
export function bindingsOf(index: WorkspaceIndex, namespace: string, name: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const b of index.ofKind(kind)) {
      const hit = asArray(b.value.subjects).some((s) => {
        if (!isDict(s) || s.kind !== 'ServiceAccount' || s.name !== name) return false;
        // A RoleBinding's subject namespace defaults to the binding's own namespace.
        const ns = asString(s.namespace) || (kind === 'RoleBinding' ? b.effectiveNamespace : undefined);
        return ns === namespace;
      });
      if (hit) out.push(b);
    }
  }
  return out;
}

export default defineRule({
  id: 'service-account-token',
  category: 'privileges',
  severity: 'info',
  description: 'A pod mounts a service-account token (automountServiceAccountToken not false) although its service account is granted no role in the workspace.',
  rationale:
    'Every pod gets an API token mounted unless automountServiceAccountToken is false. Most applications never call the Kubernetes API, yet anyone who compromises the container can use the token to explore the cluster and use whatever the account is granted, today or after a later RoleBinding. Daytwo stays silent when the pod\'s service account is bound by a RoleBinding or ClusterRoleBinding in the workspace (it uses the API) or when the ServiceAccount itself disables automounting.',
  fix: 'Sets automountServiceAccountToken: false in the pod spec.',
  appliesTo: 'workload',
  crossResource: true,
  peers: ['Polaris automountServiceAccountToken', 'Checkov CKV_K8S_38', 'kubesec AutomountServiceAccountToken'],
  check({ object, index, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    const own = pod.spec.automountServiceAccountToken;
    if (own === false) return;
    const ns = object.effectiveNamespace;
    const sa = serviceAccountOf(pod.spec);
    if (bindingsOf(index, ns, sa.name).length) return;
    const saObject = index.find('ServiceAccount', ns, sa.name);
    if (own !== true && saObject && asDict(saObject.value).automountServiceAccountToken === false) return;
    const fixPath = [...pod.specPath, 'automountServiceAccountToken'];
    const fix = { title: `Set automountServiceAccountToken: false on ${object.display}`, ops: [{ op: 'set' as const, path: fixPath, value: false }], preferred: true, safe: false };
    const who = sa.field ? `service account '${sa.name}'` : `the default service account`;
    const message = `${object.display} mounts an API token for ${who}, which no RoleBinding or ClusterRoleBinding in the workspace grants anything: if it does not call the Kubernetes API, the token is only a credential for an attacker.`;
    if (own === true) report({ path: fixPath, target: 'pair', message, fix });
    else if (sa.field) report({ path: [...pod.specPath, sa.field], target: 'pair', message, fix });
    else report({ path: pod.specPath, message, fix });
  },
});
