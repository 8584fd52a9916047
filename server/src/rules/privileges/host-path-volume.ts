import { asArray, asDict, asString, isDict } from '../../engine/object';
import { allContainers, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { mountersOf } from './pss';

const SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock', 'podman.sock'];
/** Directories whose usual contents include a container runtime socket. */
const SOCKET_DIRS = new Set(['/', '/run', '/var/run', '/var', '/run/containerd', '/var/run/containerd', '/run/crio', '/var/run/crio', '/run/docker', '/var/run/docker', '/run/k3s/containerd', '/run/podman', '/var/run/podman']);

function normalize(p: string): string {
  const s = p.replace(/\/+/g, '/');
  return s.length > 1 ? s.replace(/\/$/, '') : s;
}

/** Describes how a host path exposes the container runtime, or undefined. */
export function runtimeSocket(p: string): string | undefined {
  const n = normalize(p);
  const base = n.slice(n.lastIndexOf('/') + 1);
  if (SOCKETS.includes(base)) return `the container runtime socket ${base}`;
  if (SOCKET_DIRS.has(n)) return 'a directory holding the container runtime socket';
  return undefined;
}

export default defineRule({
  id: 'host-path-volume',
  category: 'privileges',
  severity: 'warning',
  description: 'A hostPath volume mounts a directory or file of the node; error for container runtime sockets (docker.sock, containerd.sock, crio.sock).',
  rationale:
    'A hostPath volume reaches outside the container into the node\'s filesystem: depending on the path it exposes credentials, other pods\' data or the kubelet\'s files, and its data is tied to one node. A container runtime socket is the worst case: whoever can talk to it can start a privileged container and owns the node. Pod Security baseline forbids hostPath volumes.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['Polaris hostPathSet', 'kube-linter docker-sock / sensitive-host-mounts', 'Checkov CKV_K8S_27', 'PSS baseline hostPathVolumes'],
  examples: {
    bad: `volumes:
- name: docker
  hostPath:
    path: /var/run/docker.sock\n`,
    good: `volumes:
- name: cache
  emptyDir: {}\n`,
  },
  check({ object, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    const ctrs = allContainers(object);
    asArray(pod.spec.volumes).forEach((v, i) => {
      if (!isDict(v) || v.hostPath === undefined || v.hostPath === null) return;
      const name = asString(v.name) ?? `#${i}`;
      const hostPath = asString(asDict(v.hostPath).path);
      const base = [...pod.specPath, 'volumes', i, 'hostPath'];
      const mounters = mountersOf(ctrs, name);
      const mounted = mounters.length ? ` (mounted by ${mounters.join(', ')})` : '';
      const socket = hostPath ? runtimeSocket(hostPath) : undefined;
      if (socket) {
        report({
          path: [...base, 'path'],
          target: 'pair',
          severity: 'error',
          message: `Volume '${name}' of ${object.display} mounts ${socket} from the node${mounted}: whoever reaches it can start privileged containers and take over the node.`,
        });
        return;
      }
      report({
        path: hostPath ? [...base, 'path'] : base,
        target: hostPath ? 'pair' : 'key',
        message: `Volume '${name}' of ${object.display} mounts ${hostPath ? `'${hostPath}' from the node` : 'a node path'}${mounted}: it breaks the pod's isolation from the node and ties its data to one node.`,
      });
    });
  },
});
