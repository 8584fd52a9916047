import { closest } from '../../engine/config';
import { asString } from '../../engine/object';
import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';

export default defineRule({
  id: 'statefulset-service',
  category: 'storage',
  severity: 'warning',
  description: 'A StatefulSet\'s serviceName names no Service in the workspace, or that Service is not headless (clusterIP: None).',
  rationale:
    'The governing Service gives each StatefulSet pod its stable DNS name (db-0.db.ns.svc): peers of a clustered database find each other through it. If it does not exist, or has a cluster IP instead of clusterIP: None, those per-pod records are never created and members cannot discover one another. "Not found" is only reported when the workspace defines Services in that namespace (the Service may live in another repository).',
  appliesTo: ['StatefulSet'],
  crossResource: true,
  peers: ['kube-score statefulset-has-servicename'],
  check({ object, index, report }) {
    if (object.kind !== 'StatefulSet' || !isWorkload(object)) return;
    const name = asString(object.spec.serviceName);
    if (!name) return;
    const ns = object.effectiveNamespace;
    const path = ['spec', 'serviceName'];
    const svc = index.find('Service', ns, name);
    if (!svc) {
      if (!index.has('Service', ns)) return;
      const hint = closest(name, index.ofKind('Service', ns).map((s) => s.name));
      report({
        path,
        target: 'value',
        message: `${object.display} names Service '${name}' in namespace '${ns}', which the workspace does not define${hint ? ` (did you mean '${hint}'?)` : ''}: its pods get no stable DNS names.`,
      });
      return;
    }
    if (svc.spec.clusterIP !== 'None') {
      report({
        path,
        target: 'value',
        message: `${object.display} is governed by ${svc.display}, which is not headless (clusterIP: None): its pods get no per-pod DNS names.`,
      });
    }
  },
});
