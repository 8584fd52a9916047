import { podTemplate } from '../../engine/workload';
import { injectionOf } from '../../mesh/injection';
import { defineRule } from '../types';

export default defineRule({
  id: 'mesh-host-network',
  category: 'mesh',
  severity: 'warning',
  description: 'A hostNetwork pod explicitly asks for sidecar injection, which neither Istio nor Linkerd performs.',
  rationale:
    "A sidecar captures traffic with iptables rules in the pod's network namespace; with hostNetwork: true that namespace is the node's, so both meshes refuse to inject. The pod runs without a proxy (no mTLS, no policy) although its template says it is meshed.",
  appliesTo: 'workload',
  crossResource: true,
  check({ object, index, report }) {
    const inj = injectionOf(object, index);
    if (!inj?.hostNetwork) return;
    const pod = podTemplate(object)!;
    for (const [mesh, v] of [['Istio', inj.istio], ['Linkerd', inj.linkerd]] as const) {
      // Namespace-wide injection skipping a host-network pod (a node agent) is expected: only explicit opt-ins count.
      if (!v.on || !v.fromPod || !v.path) continue;
      report({
        path: v.path,
        target: 'pair',
        message: `${object.display} asks for ${mesh} injection (${v.because}) but runs with hostNetwork: true (${[...pod.specPath, 'hostNetwork'].join('.')}), so ${mesh} will not inject it and its traffic is not meshed.`,
      });
    }
  },
});
