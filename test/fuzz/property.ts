/**
 * The engine's fuzz property, shared by the CI test (10,000 runs) and `npm run fuzz` (longer): random
 * and mutated Kubernetes manifests never make an exception escape Workspace.update + analyze, every
 * finding's range lies inside the document, and analysis is deterministic (a fresh workspace and one
 * that reached the same text by an incremental edit give the same findings).
 */

import * as fc from 'fast-check';
import { Workspace } from '../../server/src/engine/workspace';
import type { Finding } from '../../server/src/engine/types';
import { RULES } from '../../server/src/rules/registry';

export const CORPUS: string[] = [
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
  annotations:
    sidecar.istio.io/inject: "true"
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      securityContext: {runAsNonRoot: true}
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: DB_PASSWORD
              value: hunter2
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
          readinessProbe:
            httpGet: {path: /healthz, port: http}
          securityContext:
            privileged: true
            capabilities: {add: [NET_ADMIN], drop: [ALL]}
          volumeMounts:
            - {name: data, mountPath: /data}
      volumes:
        - name: data
          persistentVolumeClaim: {claimName: data}
`,
  `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
type: Opaque
data:
  password: aHVudGVyMg==
stringData:
  token: abc
`,
  `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations: {linkerd.io/inject: enabled}
        spec:
          restartPolicy: OnFailure
          hostNetwork: true
          containers:
            - &c
              name: backup
              image: busybox
              command: [sh, -c, "tar czf /backup/x.tgz /data"]
              volumeMounts: [{name: host, mountPath: /data}]
            - <<: *c
              name: second
          volumes:
            - name: host
              hostPath: {path: /var/run/docker.sock}
`,
  `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: admin-ish
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admin-ish}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
`,
  `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
        - name: db
          image: postgres:16@sha256:0000000000000000000000000000000000000000000000000000000000000000
          livenessProbe: {tcpSocket: {port: 5432}, periodSeconds: 1, timeoutSeconds: 5}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteMany]
        storageClassName: standard
        resources: {requests: {storage: 10Gix}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db}
spec:
  hosts: [db]
  http: [{route: [{destination: {host: db, subset: v1}, weight: 100}]}]
`,
];

const SPECIALS = [':', ': ', '- ', '[', ']', '{', '}', '"', "'", '&a ', '*a', '<<: *a', '!!binary ', '!!int ', '\t', '\u0000', '\r', '# ', '---\n', '...\n', '? ', '|', '>-', '%YAML 1.2\n', '@', '`', '\u2028', '\ud800', '😀', '\\', ',', '\n', '  ', '{{ .Values.x }}', 'apiVersion: v1\n', 'kind: Pod\n', '~', 'null', '0x1F', '1e400', '.inf'];
const SCALARS = ['5', 'true', 'null', '[]', '{}', '"x"', "''", '1e400', '0x1F', '.nan', '~', '-1', '9999999999999999999999', '[1, [2, {a: b}]]', '{name: 5}', '|\n  text', '*a', '&a x', '!!str 5', '"\\u0000"', 'yes', '1.5Gi', '-100m'];

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'indent'; at: number; by: number; tab: boolean }
  | { op: 'insert'; at: number; col: number; text: string }
  | { op: 'scalar'; at: number; value: string }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), col: fc.nat(), text: fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ op: fc.constant('scalar' as const), at: fc.nat(), value: fc.constantFrom(...SCALARS) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutate(base: string, muts: Mutation[]): string {
  let lines = base.split('\n');
  for (const m of muts) {
    if (!lines.length) lines = [''];
    const i = m.at % lines.length;
    switch (m.op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i]);
        break;
      case 'swap': {
        const j = m.with % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 'indent': {
        const l = lines[i];
        lines[i] = m.by >= 0 ? (m.tab ? '\t' : ' '.repeat(m.by)) + l : l.slice(Math.min(-m.by, l.length - l.trimStart().length));
        break;
      }
      case 'insert': {
        const l = lines[i];
        const c = m.col % (l.length + 1);
        lines[i] = l.slice(0, c) + m.text + l.slice(c);
        break;
      }
      case 'scalar': {
        const l = lines[i];
        const colon = l.indexOf(': ');
        if (colon !== -1) lines[i] = l.slice(0, colon + 2) + m.value;
        else if (/^\s*- /.test(l)) lines[i] = l.replace(/- .*/, `- ${m.value}`);
        break;
      }
      case 'truncate':
        lines = lines.slice(0, i + 1);
        lines[i] = lines[i].slice(0, Math.floor(lines[i].length / 2));
        break;
    }
  }
  return lines.join('\n');
}

/** A realistic manifest with a few mutations, or (sometimes) arbitrary text. */
export const document: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([b, m]) => mutate(b, m)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...SPECIALS, 'a', 'b: c', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: x', 'spec:', '  containers:', '  - name: c'), { maxLength: 30 }).map((p) => p.join('')) },
);

const URI = 'file:///ws/fuzz.yaml';

function serialize(findings: Finding[]): string {
  return JSON.stringify(findings.map((f) => [f.rule, f.severity, f.message, f.range.start, f.range.end, f.docIndex, f.fix ?? null, f.suppressed ?? null]));
}

/**
 * The incremental side of the determinism check: one long-lived workspace that reaches each text by an
 * edit from the previous one (reusing its cached documents), compared with a fresh workspace.
 */
let incremental = new Workspace({ rules: RULES, log: () => {} });

/** Checks one text. Throws on a violation. */
export function checkText(text: string): void {
  const fresh = new Workspace({ rules: RULES, log: () => {} });
  fresh.update(URI, text);
  const a = fresh.analyze(URI)!;
  for (const f of a.findings) {
    if (!(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length)) {
      throw new Error(`finding ${f.rule} range ${JSON.stringify(f.range)} outside a ${text.length}-character document`);
    }
    if (/internal error/i.test(f.message)) throw new Error(`rule crashed: ${f.message}`);
  }
  incremental.update(URI, text);
  const b = incremental.analyze(URI)!;
  const sa = serialize(a.findings);
  const sb = serialize(b.findings);
  if (sa !== sb) {
    incremental = new Workspace({ rules: RULES, log: () => {} });
    throw new Error(`not deterministic: fresh and incremental analyses differ\nfresh:       ${sa.slice(0, 2000)}\nincremental: ${sb.slice(0, 2000)}`);
  }
}

export function runFuzz(numRuns: number, seed?: number): fc.RunDetails<[string]> {
  incremental = new Workspace({ rules: RULES, log: () => {} });
  return fc.check(
    fc.property(document, (text) => {
      checkText(text);
    }),
    { numRuns, seed, endOnFailure: false },
  );
}
