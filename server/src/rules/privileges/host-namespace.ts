import { podTemplate } from '../../engine/workload';
import { defineRule } from '../types';

const WHAT: Record<string, string> = {
  hostNetwork: 'shares the node\'s network namespace: it can bind any node port and reach services listening on the node\'s loopback',
  hostPID: 'shares the node\'s process namespace: it can see and signal every process on the node and read their environment',
  hostIPC: 'shares the node\'s IPC namespace: it can read and write shared memory of processes outside the pod',
};

export default defineRule({
  id: 'host-namespace',
  category: 'privileges',
  severity: 'error',
  description: 'The pod shares a namespace of the node (hostNetwork, hostPID or hostIPC: true).',
  rationale:
    'Namespaces are what separate a pod from the node. With the host\'s network, process or IPC namespace a compromised container can sniff or hijack node traffic, inspect and signal other processes, or read shared memory of other workloads. Pod Security baseline forbids all three; node agents that truly need them belong in a privileged namespace.',
  fix: 'Sets the field to false.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['kube-linter host-network / host-pid / host-ipc', 'Polaris hostNetworkSet / hostPIDSet / hostIPCSet', 'Checkov CKV_K8S_17-19', 'PSS baseline hostNamespaces'],
  check({ object, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (pod.spec[field] !== true) continue;
      const path = [...pod.specPath, field];
      report({
        path,
        target: 'pair',
        message: `${object.display} sets ${field}: true, so it ${WHAT[field]}.`,
        fix: { title: `Set ${field}: false on ${object.display}`, ops: [{ op: 'set', path, value: false }], preferred: true, safe: false },
      });
    }
  },
});
