import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, lintWorkspace, yaml } from '../../helpers';

// kubectl create deployment web --image=nginx:1.27 --port=80 --dry-run=client -o yaml
const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    creationTimestamp: null
    labels:
      app: web
    name: web
  spec:
    replicas: 2
    selector:
      matchLabels:
        app: web
    strategy: {}
    template:
      metadata:
        creationTimestamp: null
        labels:
          app: web
      spec:
        containers:
        - image: nginx:1.27
          name: nginx
          ports:
          - containerPort: 80
          resources: {}
  status: {}
`;

test('schema-invalid is silent on a kubectl-generated Deployment (creationTimestamp: null, empty status)', () => {
  assert.deepEqual(lintRule('schema-invalid', deployment), []);
});

test('unknown field: one finding on the key, did-you-mean, and a preferred rename fix', () => {
  const f = lintRule('schema-invalid', deployment.replace('ports:', 'port:'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'port');
  assert.equal(f[0].line, 23);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /^Deployment\/web: spec\.template\.spec\.containers\[0\]\.port is not a field .*did you mean ports\?/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'rename', path: ['spec', 'template', 'spec', 'containers', 0, 'port'], to: 'ports' }]);
  assert.equal(f[0].fix?.preferred, true);
});

test('unknown field with nothing close: no suggestion, no fix', () => {
  const f = lintRule('schema-invalid', deployment.replace('  strategy: {}', '  paused: false\n  canaryWeight: 5'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'canaryWeight');
  assert.doesNotMatch(f[0].message, /did you mean/);
  assert.equal(f[0].fix, undefined);
});

test('wrong type: replicas: "3" is reported on the value', () => {
  const f = lintRule('schema-invalid', deployment.replace('replicas: 2', 'replicas: "3"'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, '"3"');
  assert.equal(f[0].line, 9);
  assert.match(f[0].message, /spec\.replicas must be an integer, not a string \("3"\)/);
});

test('bad enum: imagePullPolicy lists the allowed values', () => {
  const f = lintRule('schema-invalid', deployment.replace('  name: nginx', '  name: nginx\n        imagePullPolicy: Sometimes'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'Sometimes');
  assert.equal(f[0].message, 'Deployment/web: spec.template.spec.containers[0].imagePullPolicy must be one of Always, IfNotPresent, Never, not "Sometimes".');
});

test('missing required field: containers missing is reported at the parent key', () => {
  const noContainers = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: empty
    spec:
      restartPolicy: Never
  `;
  const f = lintRule('schema-invalid', noContainers);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'spec');
  assert.equal(f[0].line, 5);
  assert.match(f[0].message, /spec is missing the required field containers/);
});

test('missing required container name is reported on the container', () => {
  const f = lintRule('schema-invalid', deployment.replace('        name: nginx\n', ''));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'image');
  assert.match(f[0].message, /spec\.template\.spec\.containers\[0\] is missing the required field name/);
});

const service = (port: string, target: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: api
  spec:
    selector:
      app: api
    ports:
    - name: http
      port: ${port}
      targetPort: ${target}
`;

test('int-or-string: targetPort http and 8080 are both valid, a list is not', () => {
  assert.deepEqual(lintRule('schema-invalid', service('80', 'http')), []);
  assert.deepEqual(lintRule('schema-invalid', service('80', '8080')), []);
  const f = lintRule('schema-invalid', service('80', '[1]'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, '[1]');
  assert.match(f[0].message, /spec\.ports\[0\]\.targetPort must be an integer or a string, not a list/);
  const g = lintRule('schema-invalid', service('http', '8080'));
  assert.equal(g.length, 1, 'port is a plain integer');
  assert.equal(g[0].text, 'http');
});

test('int-or-string in probes: port: http and port: 8080 valid', () => {
  const probe = (port: string) => deployment.replace('resources: {}', `resources: {}\n        readinessProbe:\n          httpGet:\n            path: /healthz\n            port: ${port}`);
  assert.deepEqual(lintRule('schema-invalid', probe('http')), []);
  assert.deepEqual(lintRule('schema-invalid', probe('8080')), []);
  assert.equal(lintRule('schema-invalid', probe('[1]')).length, 1);
});

const withResources = (cpu: string, memory: string) =>
  deployment.replace('resources: {}', `resources:\n          requests:\n            cpu: ${cpu}\n            memory: ${memory}`);

test('quantities: cpu: 1, cpu: 500m, cpu: 0.5, memory: 1Gi and 128974848 are valid', () => {
  assert.deepEqual(lintRule('schema-invalid', withResources('1', '1Gi')), []);
  assert.deepEqual(lintRule('schema-invalid', withResources('500m', '128974848')), []);
  assert.deepEqual(lintRule('schema-invalid', withResources('0.5', '1e3')), []);
  assert.deepEqual(lintRule('schema-invalid', withResources('"250m"', '512M')), []);
});

test('quantities: an exponent and a suffix together (1e3M) is not a quantity', () => {
  assert.equal(lintRule('schema-invalid', withResources('1', '1e3M')).length, 1);
});

test('quantities: memory: 1GB is invalid, on the value', () => {
  const f = lintRule('schema-invalid', withResources('500m', '1GB'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, '1GB');
  assert.match(f[0].message, /resources\.requests\.memory is not a valid quantity \("1GB"\)/);
});

test('null-valued optional fields are "unset", not type errors', () => {
  const text = yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      annotations:
      labels: ~
      creationTimestamp: null
    data:
      mode: fast
  `;
  assert.deepEqual(lintRule('schema-invalid', text), []);
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      nodeSelector:
      containers:
      - name: app
        image: nginx:1.27
        env:
        command: null
        resources:
          limits:
  `;
  assert.deepEqual(lintRule('schema-invalid', pod), []);
});

test('label values must be strings: a bare number is flagged', () => {
  const f = lintRule('schema-invalid', deployment.replace('    app: web\n  name: web', '    app: web\n    version: 2\n  name: web'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, '2');
  assert.match(f[0].message, /metadata\.labels\.version must be a string, not an integer/);
});

test('annotation keys with dots and slashes are quoted in the path', () => {
  const f = lintRule('schema-invalid', deployment.replace('  creationTimestamp: null\n  labels:', '  annotations:\n    prometheus.io/port: 9090\n  labels:'));
  assert.equal(f.length, 1);
  assert.match(f[0].message, /metadata\.annotations\["prometheus\.io\/port"\] must be a string/);
});

test('YAML 1.1 booleans (yes/on) are accepted for boolean fields, as Kubernetes reads them', () => {
  const f = lintRule('schema-invalid', deployment.replace('resources: {}', 'resources: {}\n        stdin: yes\n        tty: on'));
  assert.deepEqual(f, []);
});

test('several problems in one object give one finding each, in document order', () => {
  const text = deployment.replace('replicas: 2', 'replicas: two').replace('ports:', 'portz:').replace('  name: nginx', '  name: nginx\n        imagePullPolicy: always');
  const f = lintRule('schema-invalid', text);
  assert.deepEqual(f.map((x) => x.text), ['two', 'always', 'portz']);
});

test('Secret data must be base64; stringData takes plain text', () => {
  const secret = (data: string) => yaml`
    apiVersion: v1
    kind: Secret
    metadata:
      name: db
    type: Opaque
    data:
      password: ${data}
    stringData:
      note: plain text, fine!
  `;
  assert.deepEqual(lintRule('schema-invalid', secret('aHVudGVyMg==')), []);
  const f = lintRule('schema-invalid', secret('hunter2!'));
  assert.equal(f.length, 1);
  assert.match(f[0].message, /base64/);
});

test('on a kustomize patch, missing required fields are fine but unknown fields and types are not', () => {
  const files = {
    'kustomization.yaml': 'resources:\n- deployment.yaml\npatches:\n- path: patch.yaml\n',
    'deployment.yaml': deployment,
    'patch.yaml': yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 5
        template:
          spec:
            containers:
            - name: nginx
              resources:
                limits:
                  memory: 512Mi
            - $patch: delete
              name: sidecar
    `,
  };
  assert.deepEqual(lintWorkspace(files).filter((f) => f.rule === 'schema-invalid'), []);
  files['patch.yaml'] = files['patch.yaml'].replace('replicas: 5', 'replica: 5');
  const f = lintWorkspace(files).filter((x) => x.rule === 'schema-invalid');
  assert.equal(f.length, 1);
  assert.equal(f[0].file, 'patch.yaml');
  assert.equal(f[0].text, 'replica');
});

const crd = yaml`
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata:
    name: backups.ops.example.com
  spec:
    group: ops.example.com
    names:
      kind: Backup
      plural: backups
    scope: Namespaced
    versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [schedule]
              properties:
                schedule:
                  type: string
                retention:
                  type: integer
                  minimum: 1
                port:
                  x-kubernetes-int-or-string: true
                mode:
                  type: string
                  enum: [full, incremental]
                options:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                template:
                  type: object
                  x-kubernetes-embedded-resource: true
                  x-kubernetes-preserve-unknown-fields: true
            status:
              type: object
              x-kubernetes-preserve-unknown-fields: true
`;

test('a custom resource is validated against its workspace CRD: valid', () => {
  const cr = yaml`
    apiVersion: ops.example.com/v1
    kind: Backup
    metadata:
      name: nightly
      labels: {team: ops}
    spec:
      schedule: "0 3 * * *"
      retention: 7
      port: metrics
      mode: full
      options:
        anything: goes
        nested: {deep: true}
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: x}
        data: {a: b}
  `;
  const f = lintWorkspace({ 'crd.yaml': crd, 'backup.yaml': cr }).filter((x) => x.rule === 'schema-invalid' || x.rule === 'unknown-kind');
  assert.deepEqual(f, []);
});

test('a custom resource is validated against its workspace CRD: invalid', () => {
  const cr = yaml`
    apiVersion: ops.example.com/v1
    kind: Backup
    metadata:
      name: nightly
      lables: {team: ops}
    spec:
      retention: 0
      port: [1]
      mode: differential
      schedul: daily
  `;
  const f = lintWorkspace({ 'crd.yaml': crd, 'backup.yaml': cr }).filter((x) => x.rule === 'schema-invalid');
  const byText = Object.fromEntries(f.map((x) => [x.text, x.message]));
  assert.match(byText.lables, /metadata\.lables is not a field .*did you mean labels\?/);
  assert.match(byText.spec, /spec is missing the required field schedule/);
  assert.match(byText['0'], /spec\.retention must be >= 1/);
  assert.match(byText['[1]'], /spec\.port must be an integer or a string, not a list/);
  assert.match(byText.differential, /spec\.mode must be one of full, incremental/);
  assert.match(byText.schedul, /did you mean schedule\?/);
  assert.equal(f.length, 6);
});

test('the CRD object itself (any openAPIV3Schema) is valid', () => {
  assert.deepEqual(lintRule('schema-invalid', crd), []);
});

test('a removed apiVersion is left to deprecated-api (no schema-invalid flood)', () => {
  const old = deployment.replace('apps/v1', 'extensions/v1beta1').replace('replicas: 2', 'replicas: "2"');
  assert.deepEqual(lintRule('schema-invalid', old), []);
});
