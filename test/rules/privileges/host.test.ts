import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { applyOps } from '../../../server/src/fixes/apply';
import { lineOf } from './lineOf';

const nodeAgent = yaml`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: log-agent
    namespace: logging
  spec:
    selector:
      matchLabels:
        app: log-agent
    template:
      metadata:
        labels:
          app: log-agent
      spec:
        hostNetwork: true
        hostPID: true
        hostIPC: false
        containers:
        - name: agent
          image: fluent/fluent-bit:3.1.9
          ports:
          - containerPort: 2020
            hostPort: 2020
            name: metrics
          - containerPort: 24224
            hostPort: 0
          volumeMounts:
          - name: varlog
            mountPath: /var/log
            readOnly: true
          - name: docker-sock
            mountPath: /var/run/docker.sock
        volumes:
        - name: varlog
          hostPath:
            path: /var/log
        - name: docker-sock
          hostPath:
            path: /var/run/docker.sock
            type: Socket
        - name: containerd
          hostPath:
            path: /run/containerd/containerd.sock
        - name: config
          configMap:
            name: log-agent
`;

test('host-namespace fires on each true field at the pair, not on false', () => {
  const f = lintRule('host-namespace', nodeAgent);
  assert.deepEqual(f.map((x) => x.text), ['hostNetwork: true', 'hostPID: true']);
  assert.equal(f[0].line, lineOf(nodeAgent, 'hostNetwork'));
  assert.equal(f[0].severity, 'error');
  assert.match(f[1].message, /DaemonSet\/log-agent sets hostPID: true/);
  assert.equal(f[0].fix?.title, 'Set hostNetwork: false on DaemonSet/log-agent');
  const fixed = applyOps(nodeAgent, 0, f[0].fix!.ops);
  assert.match(fixed, /hostNetwork: false/);
});

test('host-namespace is silent on a plain Deployment and on a Job with hostIPC false', () => {
  const job = yaml`
    apiVersion: batch/v1
    kind: Job
    metadata: {name: migrate}
    spec:
      template:
        spec:
          hostIPC: false
          restartPolicy: Never
          containers:
          - name: migrate
            image: ghcr.io/acme/migrate:1.2.0
  `;
  assert.deepEqual(lintRule('host-namespace', job), []);
});

test('host-path-volume: warning for a host directory, error for runtime sockets (docker and containerd)', () => {
  const f = lintRule('host-path-volume', nodeAgent);
  assert.deepEqual(f.map((x) => [x.text, x.severity]), [
    ['path: /var/log', 'warning'],
    ['path: /var/run/docker.sock', 'error'],
    ['path: /run/containerd/containerd.sock', 'error'],
  ]);
  assert.equal(f[1].line, lineOf(nodeAgent, 'path: /var/run/docker.sock'));
  assert.match(f[0].message, /Volume 'varlog' of DaemonSet\/log-agent mounts '\/var\/log'.*mounted by 'agent'/);
  assert.match(f[1].message, /container runtime socket docker\.sock/);
});

test('host-path-volume: CRI-O socket and /var/run directory are errors; non-hostPath volumes are ignored', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: builder}
    spec:
      containers:
      - name: buildah
        image: quay.io/buildah/stable:v1.37
      volumes:
      - name: crio
        hostPath: {path: /var/run/crio/crio.sock}
      - name: run
        hostPath: {path: /var/run/}
      - name: scratch
        emptyDir: {}
  `;
  const f = lintRule('host-path-volume', pod);
  assert.deepEqual(f.map((x) => x.severity), ['error', 'error']);
});

test('host-port fires on a non-zero hostPort (hostPort: 0 means none), fix removes it', () => {
  const f = lintRule('host-port', nodeAgent);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'hostPort: 2020');
  assert.equal(f[0].line, lineOf(nodeAgent, 'hostPort: 2020'));
  assert.equal(f[0].severity, 'warning');
  const fixed = applyOps(nodeAgent, 0, f[0].fix!.ops);
  assert.doesNotMatch(fixed, /hostPort: 2020/);
  assert.deepEqual(lintRule('host-port', fixed), []);
});
