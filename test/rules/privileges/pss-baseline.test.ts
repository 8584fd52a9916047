import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { applyOps } from '../../../server/src/fixes/apply';
import { lineOf } from './lineOf';

const tuned = (sysctls: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: redis, namespace: cache}
  spec:
    selector: {matchLabels: {app: redis}}
    template:
      metadata: {labels: {app: redis}}
      spec:
        securityContext:
          sysctls:
          ${sysctls}
        containers:
        - name: redis
          image: redis:7.4.1
`;

test('unsafe-sysctl: flags a non-namespaced sysctl at its name, keeps the safe ones quiet', () => {
  const text = tuned('- {name: net.ipv4.ip_local_port_range, value: "1024 65535"}\n          - name: net.core.somaxconn\n            value: "1024"\n          - {name: vm.overcommit_memory, value: "1"}');
  const f = lintRule('unsafe-sysctl', text);
  assert.deepEqual(f.map((x) => x.text), ['name: net.core.somaxconn', 'name: vm.overcommit_memory']);
  assert.equal(f[0].line, lineOf(text, 'net.core.somaxconn'));
  assert.equal(f[0].severity, 'error');
});

test('unsafe-sysctl: the safe set grows with the target version (1.27, 1.29, 1.32)', () => {
  const text = tuned('- {name: net.ipv4.ip_local_reserved_ports, value: "30000-30100"}\n          - {name: net.ipv4.tcp_keepalive_time, value: "600"}\n          - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}');
  const at = (v: string) => lintRule('unsafe-sysctl', text, { config: { kubernetesVersion: v } }).length;
  assert.equal(at('1.26'), 3);
  assert.equal(at('1.27'), 2);
  assert.equal(at('1.29'), 1);
  assert.equal(at('1.31'), 1);
  assert.equal(at('1.32'), 0);
  assert.match(lintRule('unsafe-sysctl', text, { config: { kubernetesVersion: '1.31' } })[0].message, /only from Kubernetes 1\.32/);
});

const hardened = (podExtra: string, ctrExtra: string, annotations = '{}') => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: scanner
    annotations: ${annotations}
  spec:${podExtra}
    containers:
    - name: scanner
      image: aquasec/trivy:0.56.2
      securityContext:${ctrExtra}
        allowPrivilegeEscalation: false
    ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext:
        appArmorProfile: {type: Unconfined}
`;

test('apparmor-unconfined: field at pod and container (ephemeral too) and the legacy annotation', () => {
  const text = hardened('\n    securityContext:\n      appArmorProfile:\n        type: Unconfined', '', "{'container.apparmor.security.beta.kubernetes.io/scanner': unconfined, 'container.apparmor.security.beta.kubernetes.io/debug': runtime/default}");
  const f = lintRule('apparmor-unconfined', text);
  assert.deepEqual(f.map((x) => x.text), ["'container.apparmor.security.beta.kubernetes.io/scanner': unconfined", 'type: Unconfined', 'type: Unconfined']);
  assert.equal(f[1].line, lineOf(text, 'type: Unconfined'));
  assert.match(f[2].message, /Container 'debug'/);
  assert.equal(f[0].severity, 'error');
});

test('apparmor-unconfined is silent for RuntimeDefault, Localhost and localhost/ annotations', () => {
  const text = hardened('\n    securityContext:\n      appArmorProfile: {type: RuntimeDefault}', '', "{'container.apparmor.security.beta.kubernetes.io/scanner': localhost/k8s-scanner}").replace('{type: Unconfined}', '{type: Localhost, localhostProfile: k8s-debug}');
  assert.deepEqual(lintRule('apparmor-unconfined', text), []);
});

test('selinux-custom: custom type, user and role are errors; container_engine_t only from 1.31; level is free', () => {
  const text = hardened('\n    securityContext:\n      seLinuxOptions: {type: spc_t, level: "s0:c123,c456"}', '\n        seLinuxOptions:\n          user: system_u\n          role: system_r\n          type: container_engine_t');
  const f = lintRule('selinux-custom', text);
  assert.deepEqual(f.map((x) => x.text), ['type: spc_t', 'user: system_u', 'role: system_r']);
  const old = lintRule('selinux-custom', text, { config: { kubernetesVersion: '1.30' } });
  assert.deepEqual(old.map((x) => x.text), ['type: spc_t', 'user: system_u', 'role: system_r', 'type: container_engine_t']);
  assert.match(old[3].message, /allowed from Kubernetes 1\.31/);
  assert.deepEqual(lintRule('selinux-custom', hardened('\n    securityContext:\n      seLinuxOptions: {type: container_init_t, level: "s0:c1,c2"}', '')), []);
});

test('proc-mount-unmasked: error; in a user namespace from 1.35 a warning (baseline allows, restricted does not)', () => {
  const text = hardened('', '\n        procMount: Unmasked');
  const f = lintRule('proc-mount-unmasked', text);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'procMount: Unmasked');
  assert.equal(f[0].line, lineOf(text, 'procMount'));
  assert.equal(f[0].severity, 'error');
  const userns = hardened('\n    hostUsers: false', '\n        procMount: Unmasked');
  assert.equal(lintRule('proc-mount-unmasked', userns)[0].severity, 'warning');
  assert.equal(lintRule('proc-mount-unmasked', userns, { config: { kubernetesVersion: '1.34' } })[0].severity, 'error');
  assert.deepEqual(lintRule('proc-mount-unmasked', hardened('', '\n        procMount: Default')), []);
});

test('windows-host-process: pod level and container level', () => {
  const text = hardened('\n    os: {name: windows}\n    hostNetwork: true\n    securityContext:\n      windowsOptions:\n        hostProcess: true\n        runAsUserName: "NT AUTHORITY\\\\SYSTEM"', '\n        windowsOptions: {hostProcess: true}');
  const f = lintRule('windows-host-process', text);
  assert.deepEqual(f.map((x) => x.text), ['hostProcess: true', 'hostProcess: true']);
  assert.equal(f[0].line, lineOf(text, 'hostProcess: true'));
  assert.deepEqual(lintRule('windows-host-process', hardened('', '\n        windowsOptions: {hostProcess: false}')), []);
});

const probed = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: gateway}
  spec:
    selector: {matchLabels: {app: gateway}}
    template:
      metadata: {labels: {app: gateway}}
      spec:
        containers:
        - name: gateway
          image: ghcr.io/acme/gateway:5.1.0
          readinessProbe:
            httpGet: {path: /ready, port: 8080, host: 127.0.0.1}
          livenessProbe:
            tcpSocket:
              port: 8080
              host: 169.254.169.254
          lifecycle:
            preStop:
              httpGet: {path: /drain, port: 8080, host: "::1"}
            postStart:
              httpGet: {path: /warm, port: 8080, host: metadata.internal}
`;

test('probe-host-field: host other than loopback in probes and lifecycle hooks, from 1.34 only; fix removes host', () => {
  const f = lintRule('probe-host-field', probed);
  assert.deepEqual(f.map((x) => x.text), ['host: 169.254.169.254', 'host: metadata.internal']);
  assert.equal(f[0].line, lineOf(probed, 'host: 169.254.169.254'));
  assert.match(f[1].message, /lifecycle\.postStart httpGet/);
  const fixed = applyOps(probed, 0, f[0].fix!.ops);
  assert.doesNotMatch(fixed, /169\.254/);
  assert.deepEqual(lintRule('probe-host-field', probed, { config: { kubernetesVersion: '1.33' } }), []);
});

test('volume-type-restricted: in-tree volume types are flagged at the type key; restricted-safe types are not', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: legacy}
    spec:
      serviceName: legacy
      selector: {matchLabels: {app: legacy}}
      template:
        metadata: {labels: {app: legacy}}
        spec:
          containers:
          - name: app
            image: ghcr.io/acme/legacy:0.9.0
          volumes:
          - name: shared
            nfs: {server: nfs.internal, path: /exports/legacy}
          - name: repo
            gitRepo: {repository: "https://example.com/acme/config.git"}
          - name: cache
            emptyDir: {}
          - name: creds
            projected:
              sources:
              - serviceAccountToken: {path: token}
          - name: data
            persistentVolumeClaim: {claimName: legacy-data}
          - name: scratch
            ephemeral:
              volumeClaimTemplate:
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  `;
  const f = lintRule('volume-type-restricted', text);
  assert.deepEqual(f.map((x) => x.text), ['nfs', 'gitRepo']);
  assert.equal(f[0].line, lineOf(text, 'nfs:'));
  assert.equal(f[0].severity, 'warning');
  assert.match(f[1].message, /Volume 'repo' of StatefulSet\/legacy is of type gitRepo/);
});
