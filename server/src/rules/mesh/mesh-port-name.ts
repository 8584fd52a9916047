import { asArray, asString, isDict, type K8sObject } from '../../engine/object';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { ISTIO_PROTOCOL_PREFIXES, ISTIO_WELL_KNOWN_TCP_PORTS } from '../../mesh/catalog';
import { injectionOf, namespaceIstio } from '../../mesh/injection';
import { defineRule } from '../types';

const WORKLOADS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

/** Does a workload get an Istio sidecar in namespace `ns`? */
function istioInjected(index: WorkspaceIndex, ns: string): boolean {
  return WORKLOADS.some((kind) => index.ofKind(kind, ns).some((w) => injectionOf(w, index)?.istio.on));
}

/** Istio-injected workloads in a namespace, once per change of the workloads there. */
function injectedPodsIn(index: WorkspaceIndex, ns: string): boolean {
  return index.memo(`mesh-port-name:pods:${ns}`, () => istioInjected(index, ns));
}

/**
 * Does the workspace use Istio anywhere (a Namespace enabling it, or an injected workload)? Asked
 * namespace by namespace: an edit then re-reads the workloads of its own namespace, not all of a
 * 10,000-application workspace's.
 */
function istioAnywhere(index: WorkspaceIndex): boolean {
  return index.memo('mesh-port-name:any', () => index.ofKind('Namespace').some((n) => !!namespaceIstio(n)) || index.namespaces().some((ns) => injectedPodsIn(index, ns)));
}

/** Does the workspace use Istio sidecar injection where this Service lives? */
function istioUsedFor(svc: K8sObject, index: WorkspaceIndex): boolean {
  const ns = index.find('Namespace', undefined, svc.effectiveNamespace);
  if (ns) return !!namespaceIstio(ns) || injectedPodsIn(index, svc.effectiveNamespace);
  // The namespace is defined elsewhere: judge by the rest of the workspace.
  return istioAnywhere(index);
}

/** Istio's protocol for a port name (pkg/config/kube/conversion.go), or undefined when it would sniff. */
export function istioProtocolOfName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('grpc-web')) return 'grpc-web';
  const prefix = lower.split('-')[0];
  return ISTIO_PROTOCOL_PREFIXES.includes(prefix) ? prefix : undefined;
}

export default defineRule({
  id: 'mesh-port-name',
  category: 'mesh',
  severity: 'info',
  description: 'A Service port has neither an Istio protocol prefix in its name (http-, grpc-, tcp-, …) nor an appProtocol, in a workspace that uses Istio injection.',
  rationale:
    "Istio picks each port's protocol from appProtocol or the port name's prefix; without either it has to sniff the first bytes of every connection, which adds latency, fails for server-first protocols and loses HTTP routing, retries and metrics when the guess is wrong.",
  appliesTo: ['Service'],
  crossResource: true,
  peers: ['istioctl analyze IST0118 PortNameIsNotUnderNamingConvention'],
  check({ object, index, report }) {
    if (object.kind !== 'Service' || object.group !== '') return;
    if (object.spec.type === 'ExternalName') return;
    const ports = asArray(object.spec.ports);
    if (!ports.length || !istioUsedFor(object, index)) return;
    ports.forEach((p, i) => {
      if (!isDict(p)) return;
      if (p.protocol === 'UDP' || p.protocol === 'SCTP') return;
      if (asString(p.appProtocol)) return;
      const name = asString(p.name);
      if (name && istioProtocolOfName(name)) return;
      if (typeof p.port === 'number' && ISTIO_WELL_KNOWN_TCP_PORTS.includes(p.port)) return;
      const base = ['spec', 'ports', i];
      const label = name ? `'${name}'` : `${p.port ?? '#' + i}`;
      report({
        path: name ? [...base, 'name'] : [...base, 'port'],
        target: name ? 'value' : 'pair',
        message: `Port ${label} of ${object.display} has no Istio protocol prefix (http-, http2-, https-, grpc-, tcp-, tls-, …) and no appProtocol: Istio must sniff its protocol, which is slower and can lose HTTP routing and metrics.`,
      });
    });
  },
});
