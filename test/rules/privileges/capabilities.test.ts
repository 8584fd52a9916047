import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { applyOps } from '../../../server/src/fixes/apply';

const proxy = (caps: string, os = '') => yaml`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: edge-proxy
    namespace: ingress
  spec:
    selector:
      matchLabels: {app: edge-proxy}
    template:
      metadata:
        labels: {app: edge-proxy}
      spec:${os}
        containers:
        - name: envoy
          image: envoyproxy/envoy:v1.31.2
          securityContext:
            capabilities:
              ${caps}
`;

test('capabilities-added: error for a capability outside the baseline list, at the entry, fix removes it', () => {
  const text = proxy('add: ["NET_BIND_SERVICE", "NET_ADMIN"]\n              drop: ["ALL"]');
  const f = lintRule('capabilities-added', text);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, '"NET_ADMIN"');
  assert.equal(f[0].line, 18);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].fix?.title, "Remove capability NET_ADMIN from container 'envoy'");
  const fixed = applyOps(text, 0, f[0].fix!.ops);
  assert.match(fixed, /add: \["NET_BIND_SERVICE"\]/);
  assert.deepEqual(lintRule('capabilities-added', fixed), []);
});

test('capabilities-added: ALL and SYS_ADMIN are errors whatever the spelling; baseline adds are warnings', () => {
  const f = lintRule('capabilities-added', proxy('add:\n              - cap_sys_admin\n              - ALL\n              - CHOWN\n              - NET_RAW'));
  assert.deepEqual(f.map((x) => [x.text, x.severity]), [['cap_sys_admin', 'error'], ['ALL', 'error'], ['CHOWN', 'warning'], ['NET_RAW', 'error']]);
  assert.match(f[0].message, /SYS_ADMIN/);
  assert.match(f[2].message, /only NET_BIND_SERVICE/);
});

test('capabilities-added: NET_BIND_SERVICE is allowed; CAP_-prefixed spelling gets a rename fix since admission compares exactly', () => {
  assert.deepEqual(lintRule('capabilities-added', proxy('add: [NET_BIND_SERVICE]\n              drop: [ALL]')), []);
  const f = lintRule('capabilities-added', proxy('add: [CAP_NET_BIND_SERVICE]'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 0], value: 'NET_BIND_SERVICE' }]);
});

test('capabilities-added: Windows pods are exempt from the restricted warning, not from the baseline error', () => {
  const f = lintRule('capabilities-added', proxy('add: [CHOWN, SYS_PTRACE]', '\n        os: {name: windows}'));
  assert.deepEqual(f.map((x) => x.text), ['SYS_PTRACE']);
});

test('capabilities-not-dropped: fires at the container when there is no drop, fix appends ALL', () => {
  const text = proxy('add: [NET_BIND_SERVICE]');
  const f = lintRule('capabilities-not-dropped', text);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'envoy');
  assert.equal(f[0].line, 14);
  assert.equal(f[0].fix?.title, "Drop ALL capabilities in container 'envoy'");
  const fixed = applyOps(text, 0, f[0].fix!.ops);
  assert.match(fixed, /drop:\n\s+- ALL/);
  assert.deepEqual(lintRule('capabilities-not-dropped', fixed), []);
});

test('capabilities-not-dropped: a drop list without ALL is underlined at drop', () => {
  const f = lintRule('capabilities-not-dropped', proxy('drop: [NET_RAW]'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'drop');
  assert.equal(f[0].line, 18);
});

test('capabilities-not-dropped: lowercase "all" is flagged with a rewrite to ALL; Windows pods are exempt', () => {
  const f = lintRule('capabilities-not-dropped', proxy('drop: [all]'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'all');
  assert.equal(f[0].fix?.ops[0].op, 'set');
  assert.deepEqual(lintRule('capabilities-not-dropped', proxy('add: []', '\n        os: {name: windows}')), []);
});
