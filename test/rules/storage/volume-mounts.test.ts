import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { at, postgres } from './fixtures';

const api = (mountName: string, extra = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api, namespace: shop}
  spec:
    replicas: 2
    selector: {matchLabels: {app: api}}
    template:
      metadata: {labels: {app: api}}
      spec:
        initContainers:
        - name: migrate
          image: ghcr.io/acme/api:2.3.1
          command: [/app/migrate]
          volumeMounts:
          - {name: config, mountPath: /etc/api}
        - name: log-shipper
          image: fluent/fluent-bit:3.1
          restartPolicy: Always
          volumeMounts:
          - {name: logs, mountPath: /var/log/api}
        containers:
        - name: api
          image: ghcr.io/acme/api:2.3.1
          volumeMounts:
          - name: ${mountName}
            mountPath: /var/log/api
          - name: tmp
            mountPath: /tmp
        volumes:
        - name: config
          configMap: {name: api-config}
        - name: logs
          emptyDir: {}
        - name: tmp
          emptyDir: {sizeLimit: 64Mi}
        ${at(8, extra)}
`;

test('volume-mount-missing fires on a mount naming no volume, at the name, with a suggestion', () => {
  const f = lintRule('volume-mount-missing', api('log'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'log');
  assert.equal(f[0].line, 25);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /Container 'api' of Deployment\/api mounts volume 'log'.*did you mean 'logs'/);
});

test('volume-mount-missing is silent when every mount names a declared volume (init containers and sidecars too)', () => {
  assert.deepEqual(lintRule('volume-mount-missing', api('logs')), []);
});

test('volume-mount-missing accepts StatefulSet volumeClaimTemplate names and checks volumeDevices', () => {
  assert.deepEqual(lintRule('volume-mount-missing', postgres()), []);
  const broken = postgres().replace('        - name: pgdata\n          mountPath', '        - name: pg-data\n          mountPath');
  const f = lintRule('volume-mount-missing', broken);
  assert.deepEqual(f.map((x) => x.text), ['pg-data']);
  const block = postgres().replace('volumeMounts:\n        - name: pgdata\n          mountPath: /var/lib/postgresql/data', 'volumeDevices:\n        - name: raw\n          devicePath: /dev/xvda');
  assert.deepEqual(lintRule('volume-mount-missing', block).map((x) => x.text), ['raw']);
});

test('volume-unused fires on a declared volume no container mounts, at its name, tagged info', () => {
  const m = api('logs', '- name: cache\n  emptyDir: {}');
  const f = lintRule('volume-unused', m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'cache');
  assert.equal(f[0].line, 36);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /Volume 'cache' of Deployment\/api is mounted by no container/);
});

test('volume-unused counts init containers, native sidecars and volumeDevices as users', () => {
  // config: only the init container; logs: the sidecar and the app; tmp: the app.
  assert.deepEqual(lintRule('volume-unused', api('logs')), []);
  // Without the app's mount of logs, the native sidecar still uses it.
  assert.deepEqual(lintRule('volume-unused', api('tmp')), []);
  const raw = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: fio, namespace: bench}
    spec:
      containers:
      - name: fio
        image: ghcr.io/acme/fio:3.37
        volumeDevices:
        - {name: disk, devicePath: /dev/xvdb}
      volumes:
      - name: disk
        persistentVolumeClaim: {claimName: bench-disk}
  `;
  assert.deepEqual(lintRule('volume-unused', raw), []);
});

test('volume-unused is silent for a volume handed to the Istio sidecar by annotation', () => {
  const m = api('logs', '- name: certs\n  secret: {secretName: api-certs}').replace(
    'metadata: {labels: {app: api}}',
    `metadata:\n      labels: {app: api}\n      annotations:\n        sidecar.istio.io/userVolume: '{"certs":{"secret":{"secretName":"api-certs"}}}'\n        sidecar.istio.io/userVolumeMount: '{"certs":{"mountPath":"/etc/certs"}}'`,
  );
  assert.deepEqual(lintRule('volume-unused', m), []);
});
