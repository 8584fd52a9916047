import { injectionOf, namespaceIstio, namespaceLinkerd } from '../../mesh/injection';
import { defineRule } from '../types';

export default defineRule({
  id: 'mesh-injection-conflict',
  category: 'mesh',
  severity: 'error',
  description: 'Both Istio and Linkerd sidecar injection are enabled for the same pod (by the pod template or its Namespace in the workspace).',
  rationale:
    'Two meshes cannot both own a pod: which proxy it gets depends on the order the admission webhooks run, and Istio does not recognise a Linkerd proxy, so a pod can end up with two proxies fighting over the same iptables redirection, or with the proxy nobody intended.',
  appliesTo: ['Namespace', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  crossResource: true,
  check({ object, index, report }) {
    if (object.kind === 'Namespace' && object.group === '') {
      const istio = namespaceIstio(object);
      if (!istio || !namespaceLinkerd(object)) return;
      report({
        path: ['metadata', 'annotations', 'linkerd.io/inject'],
        target: 'pair',
        message: `${object.display} enables both Istio (label ${istio}) and Linkerd (annotation linkerd.io/inject) injection: every pod in it would be claimed by two meshes.`,
      });
      return;
    }
    const inj = injectionOf(object, index);
    if (!inj || inj.hostNetwork) return;
    const { istio, linkerd } = inj;
    if (!istio.on || !linkerd.on) return;
    // Both from the Namespace: reported once, on the Namespace.
    if (!istio.fromPod && !linkerd.fromPod) return;
    const path = linkerd.fromPod ? linkerd.path! : istio.path!;
    report({
      path,
      target: 'pair',
      message: `The pods of ${object.display} would be injected by both Istio (${istio.because}) and Linkerd (${linkerd.because}): pick one mesh and opt the pod out of the other.`,
    });
  },
});
