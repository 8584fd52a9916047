/**
 * Cross-resource findings are cached per object and reused until a dependency they read changes
 * (by kind, by kind in a namespace, by namespace). This checks the bookkeeping against the truth: a
 * long-lived workspace edited file by file must report exactly what a fresh workspace reports for the
 * same texts, for every file, after every edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules/registry';
import { rng } from '../random';

const NAMESPACES = ['shop', 'blog'];
const APPS = ['web', 'api', 'db'];

/** A random file: one of the objects cross-resource rules relate, with random names, labels and namespace. */
function randomFile(r: () => number, i: number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const ns = pick(NAMESPACES);
  const app = pick(APPS);
  switch (pick(['deploy', 'deploy', 'service', 'pdb', 'hpa', 'namespace', 'sa', 'binding', 'pvc'])) {
    case 'deploy':
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
spec:
${r() < 0.3 ? '  # daytwo-ignore replicas-single, pdb-missing: a singleton by design\n' : ''}  replicas: ${pick([1, 3])}
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}, tier: ${pick(['front', 'back'])}}${r() < 0.3 ? `\n      annotations: {sidecar.istio.io/inject: "true"}` : ''}
    spec:
      serviceAccountName: ${pick(['default', app])}
      containers:
      - name: ${app}
        image: registry.example.com/${app}:1.${i}
        ports: [{name: http, containerPort: 8080}]${r() < 0.5 ? `\n        volumeMounts: [{name: data, mountPath: /data}]\n      volumes:\n      - name: data\n        persistentVolumeClaim: {claimName: ${app}-data}` : ''}
`;
    case 'service':
      return `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}${r() < 0.3 ? '\n  annotations: {daytwo.dev/ignore: service-selector-no-match}' : ''}
spec:
  selector: {app: ${app}${r() < 0.3 ? ', tier: front' : ''}}
  ports:
  - name: ${pick(['http', 'web', 'tcp-db'])}
    port: 80
    targetPort: 8080
`;
    case 'pdb':
      return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: ${app}}
`;
    case 'hpa':
      return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${app}}
  minReplicas: ${pick([1, 2])}
  maxReplicas: ${pick([1, 5])}
`;
    case 'namespace':
      return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels: {istio-injection: ${pick(['enabled', 'disabled'])}}
`;
    case 'sa':
      return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}
  namespace: ${ns}
automountServiceAccountToken: ${pick(['true', 'false'])}
`;
    case 'binding':
      return `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${app}
  namespace: ${ns}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- kind: ServiceAccount
  name: ${app}
  namespace: ${ns}
`;
    default:
      return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${app}-data
  namespace: ${ns}
spec:
  accessModes: [${pick(['ReadWriteOnce', 'ReadWriteMany'])}]
  resources: {requests: {storage: 1Gi}}
`;
  }
}

/** The single change that turns `before` into `after`: what is left between their common prefix and suffix. */
function changeBetween(before: string, after: string) {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { before, start, end: before.length - tail, inserted: after.slice(start, after.length - tail) };
}

const summary = (ws: Workspace, uri: string) =>
  (ws.analyze(uri)?.findings ?? []).map((f) => `${f.rule} ${f.range.start}-${f.range.end} ${f.suppressed ? 'suppressed ' : ''}${f.message}`);

test('cross-resource findings after edits, file by file, equal a fresh analysis of the same files', () => {
  const runs = Number(process.env.CROSS_INCREMENTAL_RUNS ?? 12);
  for (let seed = 1; seed <= runs; seed++) {
    const r = rng(seed);
    const files = new Map<string, string>();
    const ws = new Workspace({ rules: RULES, log: () => {} });
    for (let i = 0; i < 8; i++) {
      const uri = `file:///w/f${i}.yaml`;
      files.set(uri, randomFile(r, i));
      ws.update(uri, files.get(uri)!);
    }
    for (const uri of files.keys()) ws.analyze(uri);
    for (let step = 0; step < 25; step++) {
      const uri = `file:///w/f${Math.floor(r() * files.size)}.yaml`;
      // A new file of one or two documents, or one document of a two-document file replaced (the
      // other is reused, and moves when the first one's length changes).
      const docs = files.get(uri)!.split('---\n');
      const choice = r();
      const text =
        choice < 0.3 ? randomFile(r, step)
        : choice < 0.6 ? `${randomFile(r, step)}---\n${randomFile(r, step + 100)}`
        : choice < 0.8 ? `${randomFile(r, step)}---\n${docs[docs.length - 1]}`
        : `${docs[0]}---\n${randomFile(r, step)}`;
      // Every other step as an editor gives it: the new text with the change that made it, which the
      // workspace splits from the old documents without reading the new text whole.
      const before = files.get(uri)!;
      files.set(uri, text);
      if (step % 2) ws.update(uri, text, step, undefined, changeBetween(before, text));
      else ws.update(uri, text);
      const fresh = new Workspace({ rules: RULES, log: () => {} });
      for (const [u, t] of files) fresh.update(u, t);
      for (const u of files.keys()) assert.deepEqual(summary(ws, u), summary(fresh, u), `seed ${seed}, step ${step}, ${u}`);
    }
  }
});
