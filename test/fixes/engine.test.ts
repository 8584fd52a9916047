/** The fix engine on exact text: block, flow, comments, 4 spaces, flush sequences, CRLF, BOM. */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyOps, ignoreLineEdit, applyIgnoreObject, minimalEdit, unifiedDiff } from '../../server/src/fixes';
import type { FixOp } from '../../server/src/engine/types';

const C = ['spec', 'containers', 0] as const;
const apply = (text: string, ...ops: FixOp[]) => applyOps(text, 0, ops);

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web # the front
spec:
  containers:
  - name: web
    image: nginx:1.27

    ports:
    - containerPort: 8080
      name: http
    securityContext:
      privileged: true # why?
`;

test('set of an existing scalar changes only the value and keeps the comment', () => {
  assert.equal(
    apply(pod, { op: 'set', path: [...C, 'securityContext', 'privileged'], value: false }),
    pod.replace('privileged: true # why?', 'privileged: false # why?'),
  );
});

test('set into an existing mapping adds only the key, at its end, same indentation', () => {
  assert.equal(
    apply(pod, { op: 'set', path: [...C, 'securityContext', 'allowPrivilegeEscalation'], value: false }),
    pod + '      allowPrivilegeEscalation: false\n',
  );
});

test('a missing securityContext is created after ports, a pod securityContext before containers', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
    volumeMounts:
    - name: data
      mountPath: /data
`;
  assert.equal(
    apply(text, { op: 'set', path: [...C, 'securityContext', 'readOnlyRootFilesystem'], value: true }),
    `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
    volumeMounts:
    - name: data
      mountPath: /data
    securityContext:
      readOnlyRootFilesystem: true
`,
  );
  assert.equal(
    apply(text, { op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true }),
    `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
    volumeMounts:
    - name: data
      mountPath: /data
`,
  );
});

test('a structured value (a probe) is rendered as nested block YAML after ports', () => {
  assert.equal(
    apply(pod, { op: 'set', path: [...C, 'readinessProbe'], value: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 } }),
    `apiVersion: v1
kind: Pod
metadata:
  name: web # the front
spec:
  containers:
  - name: web
    image: nginx:1.27

    ports:
    - containerPort: 8080
      name: http
    readinessProbe:
      httpGet:
        path: /ready
        port: http
      periodSeconds: 10
    securityContext:
      privileged: true # why?
`,
  );
});

test('flow style: edits happen inside the flow collection', () => {
  const text = 'kind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true, capabilities: {drop: [NET_RAW]}}\n';
  assert.equal(
    apply(text, { op: 'set', path: [...C, 'securityContext', 'privileged'], value: false }),
    'kind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: false, capabilities: {drop: [NET_RAW]}}\n',
  );
  assert.equal(
    apply(text, { op: 'append', path: [...C, 'securityContext', 'capabilities', 'drop'], value: 'ALL' }),
    'kind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true, capabilities: {drop: [NET_RAW, ALL]}}\n',
  );
  assert.equal(
    apply(text, { op: 'set', path: [...C, 'securityContext', 'runAsNonRoot'], value: true }),
    'kind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true, capabilities: {drop: [NET_RAW]}, runAsNonRoot: true}\n',
  );
  assert.equal(
    apply(text, { op: 'remove', path: [...C, 'securityContext', 'privileged'] }),
    'kind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {capabilities: {drop: [NET_RAW]}}\n',
  );
  assert.equal(apply('a: {}\n', { op: 'set', path: ['a', 'b'], value: 1 }), 'a: {b: 1}\n');
});

test('4-space indentation and indented sequences are kept', () => {
  const text = `spec:
    containers:
        -   name: db
            image: postgres:16
`;
  assert.equal(
    apply(text, { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] }),
    `spec:
    containers:
        -   name: db
            image: postgres:16
            securityContext:
                capabilities:
                    drop:
                        - ALL
`,
  );
});

test('flush sequences stay flush', () => {
  const text = `spec:
  containers:
  - name: db
    image: postgres:16
`;
  assert.equal(
    apply(text, { op: 'append', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], value: 'ALL' }),
    `spec:
  containers:
  - name: db
    image: postgres:16
    securityContext:
      capabilities:
        drop:
        - ALL
`,
  );
});

test('CRLF line endings and a BOM are kept', () => {
  const text = '\ufeffkind: Pod\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: x\r\n';
  assert.equal(
    apply(text, { op: 'set', path: [...C, 'securityContext', 'runAsNonRoot'], value: true }),
    '\ufeffkind: Pod\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: x\r\n    securityContext:\r\n      runAsNonRoot: true\r\n',
  );
  assert.equal(
    apply(text, { op: 'set', path: ['metadata', 'labels', 'app'], value: 'a' }),
    '\ufeffkind: Pod\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: x\r\nmetadata:\r\n  labels:\r\n    app: a\r\n',
  );
});

test('a key with no value (null) receives the new mapping under it', () => {
  const text = 'spec:\n  containers:\n  - name: a\n    securityContext:\n    image: x\n';
  assert.equal(
    apply(text, { op: 'set', path: [...C, 'securityContext', 'runAsNonRoot'], value: true }),
    'spec:\n  containers:\n  - name: a\n    securityContext:\n      runAsNonRoot: true\n    image: x\n',
  );
});

test('remove deletes the whole line, and parents left empty with pruneEmpty', () => {
  const text = `spec:
  containers:
  - name: a
    ports:
    - containerPort: 80
      hostPort: 80 # host
    securityContext:
      privileged: true
    image: x
`;
  assert.equal(
    apply(text, { op: 'remove', path: [...C, 'ports', 0, 'hostPort'] }),
    text.replace('      hostPort: 80 # host\n', ''),
  );
  assert.equal(
    apply(text, { op: 'remove', path: [...C, 'securityContext', 'privileged'], pruneEmpty: true }),
    text.replace('    securityContext:\n      privileged: true\n', ''),
  );
  assert.equal(
    apply(text, { op: 'remove', path: [...C, 'securityContext', 'privileged'] }),
    text.replace('    securityContext:\n      privileged: true\n', '    securityContext: {}\n'),
  );
  // The first key of a sequence item: the next key moves up after the dash.
  assert.equal(apply('l:\n- a: 1\n  b: 2\n', { op: 'remove', path: ['l', 0, 'a'] }), 'l:\n- b: 2\n');
  // A block sequence item.
  assert.equal(apply('add:\n- SYS_ADMIN\n- CHOWN\n', { op: 'remove', path: ['add', 0] }), 'add:\n- CHOWN\n');
});

test('rename keeps the value and the key quoting', () => {
  assert.equal(apply('a:\n  imagePullPolcy: Always # x\n', { op: 'rename', path: ['a', 'imagePullPolcy'], to: 'imagePullPolicy' }), 'a:\n  imagePullPolicy: Always # x\n');
  assert.equal(apply('a:\n  "sidecar.istio.io/injectt": "true"\n', { op: 'rename', path: ['a', 'sidecar.istio.io/injectt'], to: 'sidecar.istio.io/inject' }), 'a:\n  "sidecar.istio.io/inject": "true"\n');
});

test('set keeps a quoted value quoted and quotes strings YAML would read as booleans', () => {
  assert.equal(apply('a:\n  x: "yes"\n', { op: 'set', path: ['a', 'x'], value: 'true' }), 'a:\n  x: "true"\n');
  assert.equal(apply('a:\n  x: yes\n', { op: 'set', path: ['a', 'x'], value: 'true' }), 'a:\n  x: "true"\n');
  assert.equal(apply("a:\n  x: 'on'\n", { op: 'set', path: ['a', 'x'], value: 'enabled' }), "a:\n  x: 'enabled'\n");
});

test('move takes a mesh annotation to the pod template, creating it and removing the empty annotations', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    sidecar.istio.io/inject: "true"
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
`;
  assert.equal(
    apply(text, { op: 'move', from: ['metadata', 'annotations', 'sidecar.istio.io/inject'], to: ['spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/inject'] }),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        sidecar.istio.io/inject: "true"
    spec:
      containers:
      - name: web
        image: nginx
`,
  );
});

test('a file without a final newline gets a proper line', () => {
  assert.equal(apply('a:\n  b: 1', { op: 'set', path: ['a', 'c'], value: 2 }), 'a:\n  b: 1\n  c: 2');
  assert.equal(apply('a:\n  b: 1\n  c: 2', { op: 'remove', path: ['a', 'c'] }), 'a:\n  b: 1');
});

test('only the addressed document of a multi-document file changes', () => {
  const text = 'kind: A\nmetadata:\n  name: a\n---\nkind: B\nmetadata:\n  name: b\n';
  assert.equal(applyOps(text, 1, [{ op: 'set', path: ['metadata', 'namespace'], value: 'prod' }]), 'kind: A\nmetadata:\n  name: a\n---\nkind: B\nmetadata:\n  name: b\n  namespace: prod\n');
});

test('ignore for this line: a comment above, indented like the line; an existing one is extended', () => {
  const at = pod.indexOf('privileged:');
  const e = ignoreLineEdit(pod, at, 'privileged-container');
  const once = pod.slice(0, e.start) + e.text + pod.slice(e.end);
  assert.equal(once, pod.replace('      privileged: true', '      # daytwo-ignore privileged-container -- reason\n      privileged: true'));
  const at2 = once.indexOf('privileged:');
  const e2 = ignoreLineEdit(once, at2, 'run-as-root');
  assert.equal(once.slice(0, e2.start) + e2.text + once.slice(e2.end), once.replace('privileged-container -- reason', 'privileged-container, run-as-root -- reason'));
});

test('ignore for the object: the annotation is added or extended', () => {
  assert.equal(
    applyIgnoreObject(pod, 0, 'run-as-root'),
    pod.replace('  name: web # the front\n', '  name: web # the front\n  annotations:\n    daytwo.dev/ignore: "run-as-root"\n'),
  );
  const annotated = 'kind: Pod\nmetadata:\n  name: a\n  annotations:\n    daytwo.dev/ignore: "run-as-root"\n';
  assert.equal(applyIgnoreObject(annotated, 0, 'privileged-container'), annotated.replace('"run-as-root"', '"run-as-root,privileged-container"'));
});

test('minimalEdit and unifiedDiff', () => {
  assert.deepEqual(minimalEdit('a\nb\nc\n', 'a\nb\nx\nc\n'), { start: 4, end: 4, text: 'x\n' });
  assert.equal(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'f.yaml'), '--- a/f.yaml\n+++ b/f.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  assert.equal(unifiedDiff('a\n', 'a\n', 'f.yaml'), '');
});
