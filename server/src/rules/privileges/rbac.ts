/** Helpers of the RBAC rules. */
import { asArray, isDict, type Dict, type K8sObject } from '../../engine/object';

export function isRbac(obj: K8sObject, kinds: string[]): boolean {
  return kinds.includes(obj.kind) && (obj.group === 'rbac.authorization.k8s.io' || obj.group === '');
}

export function policyRules(obj: K8sObject): { rule: Dict; index: number }[] {
  const out: { rule: Dict; index: number }[] = [];
  asArray(obj.value.rules).forEach((rule, index) => {
    if (isDict(rule)) out.push({ rule, index });
  });
  return out;
}

/** Default roles a ClusterRole is aggregated into (labels rbac.authorization.k8s.io/aggregate-to-<role>: "true"). */
export function aggregatedInto(obj: K8sObject): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj.labels)) {
    const m = /^rbac\.authorization\.k8s\.io\/aggregate-to-(.+)$/.exec(k);
    if (m && v === 'true') out.push(`'${m[1]}'`);
  }
  return out;
}

/** Kubernetes' own bootstrap roles and bindings: not the manifest author's to change. */
export function isSystem(obj: K8sObject): boolean {
  return obj.name.startsWith('system:');
}
