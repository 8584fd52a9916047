/**
 * Every snippet in snippets/kubernetes.json, expanded with its defaults, must be a manifest Daytwo
 * has no error or warning about. Fragments (probes, securityContext, mesh annotation blocks) are
 * placed into a full Deployment at the spot they are meant for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lint } from '../helpers';
import { expandSnippet } from '../../client/src/snippetExpand';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string[];
}

const file = path.join(__dirname, '..', '..', '..', 'snippets', 'kubernetes.json');
const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Snippet>;

function indent(text: string, n: number): string {
  return text.replace(/\n+$/, '').split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
}

/** A Deployment with a hole for a fragment; the parts the fragment provides are left out. */
function host(slot: 'probe' | 'securityContext' | 'annotations' | 'labels', fragment: string): string {
  const probe = slot === 'probe' ? indent(fragment, 10) : indent('readinessProbe:\n  httpGet:\n    path: /readyz\n    port: http\n  periodSeconds: 10\n  timeoutSeconds: 2', 10);
  const sc = slot === 'securityContext'
    ? indent(fragment, 10)
    : indent('securityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities:\n    drop: ["ALL"]', 10);
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: web',
    '  labels:',
    '    app.kubernetes.io/name: web',
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    '      app.kubernetes.io/name: web',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app.kubernetes.io/name: web',
    ...(slot === 'labels' ? [indent(fragment, 8)] : []),
    ...(slot === 'annotations' ? ['      annotations:', indent(fragment, 8)] : []),
    '    spec:',
    '      automountServiceAccountToken: false',
    '      securityContext:',
    '        runAsNonRoot: true',
    '        runAsUser: 10001',
    '        seccompProfile:',
    '          type: RuntimeDefault',
    '      topologySpreadConstraints:',
    '        - maxSkew: 1',
    '          topologyKey: kubernetes.io/hostname',
    '          whenUnsatisfiable: ScheduleAnyway',
    '          labelSelector:',
    '            matchLabels:',
    '              app.kubernetes.io/name: web',
    '      containers:',
    '        - name: web',
    '          image: registry.example.com/web:1.0.0',
    '          ports:',
    '            - name: http',
    '              containerPort: 8080',
    '            - name: grpc',
    '              containerPort: 9090',
    probe,
    '          resources:',
    '            requests:',
    '              cpu: 100m',
    '              memory: 128Mi',
    '            limits:',
    '              memory: 256Mi',
    sc,
    '',
  ].join('\n');
}

/** Where each fragment snippet goes; snippets not listed are whole manifests. */
const FRAGMENTS: Record<string, 'probe' | 'securityContext' | 'annotations' | 'labels'> = {
  'Readiness probe (HTTP)': 'probe',
  'Readiness probe (TCP)': 'probe',
  'Readiness probe (gRPC)': 'probe',
  'Restricted securityContext (container)': 'securityContext',
  'Istio sidecar annotations': 'annotations',
  'Istio injection label': 'labels',
  'Linkerd proxy annotations': 'annotations',
};

const REQUIRED = [
  'Deployment (production-ready)',
  'StatefulSet with headless Service',
  'PersistentVolumeClaim',
  'PodDisruptionBudget',
  'NetworkPolicy default-deny',
  'HorizontalPodAutoscaler',
  'ServiceAccount (token automount off)',
  'Role and RoleBinding (minimal)',
  ...Object.keys(FRAGMENTS),
];

test('the snippet file has every snippet the extension promises, each with a prefix, description and body', () => {
  for (const name of REQUIRED) {
    const s = snippets[name];
    assert.ok(s, `missing snippet ${name}`);
    assert.ok(s.description.length > 20, name);
    assert.ok((Array.isArray(s.prefix) ? s.prefix : [s.prefix]).every((p) => p.length > 2), name);
    assert.ok(s.body.join('\n').includes('$0'), `${name}: ends at $0`);
  }
});

test('snippet expansion resolves placeholders, mirrors, choices and $0', () => {
  assert.equal(expandSnippet(['name: ${1:web}', 'app: $1', 'mode: ${2|ReadWriteOnce,ReadWriteMany|}', 'x: ${1}$0']), 'name: web\napp: web\nmode: ReadWriteOnce\nx: web');
  assert.equal(expandSnippet('a: "${1:}"'), 'a: ""');
});

test('the host manifest exercises the fragment slot (without a probe Daytwo warns)', () => {
  const bare = host('probe', '');
  assert.ok(lint(bare).some((f) => f.rule === 'readiness-probe-missing' && f.severity === 'warning'));
});

for (const [name, s] of Object.entries(snippets)) {
  test(`snippet "${name}" expanded with its defaults has no Daytwo error or warning`, () => {
    const expanded = expandSnippet(s.body);
    assert.doesNotMatch(expanded, /\$\{|\$\d/, 'every placeholder is resolved');
    const slot = FRAGMENTS[name];
    const manifest = slot ? host(slot, expanded) : expanded;
    for (const doc of parseAllDocuments(manifest)) assert.deepEqual(doc.errors, [], `${name} is valid YAML`);
    const findings = lint(manifest).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(
      findings.map((f) => `${f.rule} (${f.severity}) line ${f.line}: ${f.message}`),
      [],
      `${name}:\n${manifest}`,
    );
  });
}
