// Deterministic benchmark corpora: realistic applications (Deployment or StatefulSet + Service +
// ConfigMap, and sometimes a ServiceAccount, HPA, PDB, Ingress, Secret, CronJob), varied by a seeded
// PRNG so every run (and every machine) generates byte-identical files.
//
//   node bench/corpus.mjs [outDir]     (default bench/corpus)

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

const TEAMS = ['payments', 'checkout', 'search', 'catalog', 'identity', 'billing', 'ledger', 'media', 'notify', 'ops'];
const WORDS = ['api', 'web', 'worker', 'gateway', 'cache', 'indexer', 'sync', 'render', 'auth', 'queue', 'report', 'ingest'];
const IMAGES = ['nginx:1.27.3', 'ghcr.io/acme/app:2.4.1', 'registry.example.com/team/svc:1.9.0', 'redis:7.4', 'python:3.12-slim', 'node:20.18-alpine', 'ghcr.io/acme/worker@sha256:' + 'ab12'.repeat(16), 'busybox:latest', 'postgres:16.4'];

/** One application: a list of YAML documents (strings without the `---` separator). */
export function app(r, i, { schemaError = false } = {}) {
  const team = TEAMS[i % TEAMS.length];
  const name = `${r.pick(WORDS)}-${team}-${i}`;
  const ns = r.chance(0.15) ? 'default' : team;
  const labels = `app.kubernetes.io/name: ${name}\n    app.kubernetes.io/part-of: ${team}\n    app.kubernetes.io/version: "1.${i % 20}.${i % 7}"`;
  const stateful = r.chance(0.12);
  const port = r.pick([8080, 8443, 3000, 9000, 5000]);
  const docs = [];

  const withSA = r.chance(0.5);
  if (withSA) {
    docs.push(`apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    ${labels}
automountServiceAccountToken: false`);
  }

  const cm = [];
  const nKeys = r.int(3, 9);
  for (let k = 0; k < nKeys; k++) cm.push(`  ${r.pick(['LOG_LEVEL', 'FEATURE_FLAG', 'TIMEOUT', 'UPSTREAM', 'REGION', 'POOL_SIZE', 'CACHE_TTL'])}_${k}: "${r.pick(['info', 'debug', '30s', 'true', 'eu-west-1', '16', 'http://upstream:8080'])}"`);
  docs.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
  labels:
    ${labels}
data:
${cm.join('\n')}`);

  if (r.chance(0.2)) {
    docs.push(`apiVersion: v1
kind: Secret
metadata:
  name: ${name}-credentials
  namespace: ${ns}
type: Opaque
stringData:
  username: ${team}
  password: change-me-${i}`);
  }

  const secure = r.chance(0.6);
  const probes = r.chance(0.7);
  const resources = r.chance(0.75);
  const containers = [];
  const nContainers = r.chance(0.2) ? 2 : 1;
  for (let c = 0; c < nContainers; c++) {
    const cname = c === 0 ? 'app' : r.pick(['sidecar', 'proxy', 'metrics']);
    const cport = c === 0 ? port : 9100 + c;
    const env = [];
    const nEnv = r.int(1, 5);
    for (let e = 0; e < nEnv; e++) env.push(`            - name: VAR_${e}\n              value: "${r.pick(['1', 'yes', 'production', '/data', 'http://localhost'])}"`);
    let ctr = `        - name: ${cname}
          image: ${r.pick(IMAGES)}
          imagePullPolicy: ${r.pick(['IfNotPresent', 'Always'])}
          ports:
            - name: ${c === 0 ? 'http' : 'metrics'}
              containerPort: ${cport}
              protocol: TCP
          env:
${env.join('\n')}
          envFrom:
            - configMapRef:
                name: ${name}-config`;
    if (probes && c === 0) {
      ctr += `
          readinessProbe:
            httpGet:
              path: /ready
              port: ${cport}
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /healthz
              port: ${cport}
            initialDelaySeconds: ${r.int(5, 30)}
            periodSeconds: 20`;
    }
    if (resources) {
      ctr += `
          resources:
            requests:
              cpu: ${r.pick(['100m', '250m', '500m', '1'])}
              memory: ${r.pick(['128Mi', '256Mi', '512Mi', '1Gi'])}
            limits:
              memory: ${r.pick(['256Mi', '512Mi', '1Gi', '2Gi'])}`;
    }
    if (secure) {
      ctr += `
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities:
              drop: ["ALL"]`;
    } else if (r.chance(0.2)) {
      ctr += `
          securityContext:
            privileged: true`;
    }
    ctr += `
          volumeMounts:
            - name: ${stateful ? 'data' : 'tmp'}
              mountPath: ${stateful ? '/var/lib/data' : '/tmp'}`;
    containers.push(ctr);
  }

  const replicas = schemaError ? 'three' : String(r.int(1, 6));
  const kind = stateful ? 'StatefulSet' : 'Deployment';
  let workload = `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    ${labels}
  annotations:
    owner: team-${team}@example.com
spec:
  replicas: ${replicas}${stateful ? `\n  serviceName: ${name}` : ''}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/part-of: ${team}
    spec:${withSA ? `\n      serviceAccountName: ${name}` : ''}${secure ? `
      securityContext:
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault` : ''}
      terminationGracePeriodSeconds: 30
      containers:
${containers.join('\n')}`;
  if (!stateful) {
    workload += `
      volumes:
        - name: tmp
          emptyDir: {}`;
  } else {
    workload += `
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: ${r.pick(['standard', 'fast-ssd', 'gp3'])}
        resources:
          requests:
            storage: ${r.pick(['1Gi', '10Gi', '50Gi'])}`;
  }
  docs.push(workload);

  docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    ${labels}
spec:
  type: ${r.pick(['ClusterIP', 'ClusterIP', 'ClusterIP', 'LoadBalancer', 'NodePort'])}
  selector:
    app.kubernetes.io/name: ${r.chance(0.95) ? name : name + '-typo'}
  ports:
    - name: http
      port: 80
      targetPort: ${r.chance(0.5) ? 'http' : port}
      protocol: TCP`);

  if (!stateful && r.chance(0.4)) {
    docs.push(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: 2
  maxReplicas: ${r.int(4, 20)}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: ${r.int(50, 85)}`);
  }
  if (r.chance(0.35)) {
    docs.push(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  ${r.chance(0.5) ? 'minAvailable: 1' : 'maxUnavailable: 25%'}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}`);
  }
  if (r.chance(0.3)) {
    docs.push(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: nginx
  tls:
    - hosts: ["${name}.example.com"]
      secretName: ${name}-tls
  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  number: 80`);
  }
  if (r.chance(0.1)) {
    docs.push(`apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}-cleanup
  namespace: ${ns}
spec:
  schedule: "${r.int(0, 59)} ${r.int(0, 23)} * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: cleanup
              image: ${r.pick(IMAGES)}
              args: ["--older-than", "${r.int(1, 30)}d"]
              resources:
                requests:
                  cpu: 50m
                  memory: 64Mi
                limits:
                  memory: 128Mi`);
  }
  return docs;
}

/** Apps until the text reaches `lines` lines (the last app may overshoot by one app). */
function fileOfLines(seed, lines, { schemaError = false } = {}) {
  const r = rng(seed);
  const out = [];
  let n = 0;
  let i = 0;
  while (n < lines) {
    const docs = app(r, i, { schemaError: schemaError && i === 0 });
    const text = docs.join('\n---\n');
    const len = text.split('\n').length + 1;
    // Stop at whichever side of the target is closer.
    if (n > 0 && n + len > lines && n + len - lines > lines - n) break;
    out.push(text);
    n += len;
    i++;
  }
  return { text: out.join('\n---\n') + '\n', apps: i };
}

function folder(dir, seed, apps, files) {
  fs.mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const per = Math.ceil(apps / files);
  let i = 0;
  for (let f = 0; f < files; f++) {
    const texts = [];
    for (let k = 0; k < per && i < apps; k++, i++) texts.push(app(r, i).join('\n---\n'));
    const sub = path.join(dir, TEAMS[f % TEAMS.length]);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `apps-${String(f).padStart(4, '0')}.yaml`), texts.join('\n---\n') + '\n');
  }
}

/** Generates every corpus under `out` unless it is already there (same generator version). */
export function generate(out) {
  const VERSION = '2';
  const stamp = path.join(out, '.generated');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === VERSION) return corpusPaths(out);
  fs.rmSync(out, { recursive: true, force: true });
  const p = corpusPaths(out);
  fs.mkdirSync(path.dirname(p.small), { recursive: true });
  fs.mkdirSync(path.dirname(p.large), { recursive: true });
  fs.writeFileSync(p.small, fileOfLines(11, 1100, { schemaError: true }).text);
  fs.writeFileSync(p.large, fileOfLines(107, 10700, { schemaError: true }).text);
  folder(p.apps1k, 1000, 1000, 100);
  folder(p.apps10k, 10000, 10000, 1000);
  fs.writeFileSync(stamp, VERSION);
  return p;
}

export function corpusPaths(out) {
  return {
    small: path.join(out, 'small', 'apps-1100.yaml'),
    large: path.join(out, 'large', 'apps-10700.yaml'),
    apps1k: path.join(out, 'apps-1000'),
    apps10k: path.join(out, 'apps-10000'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus'));
  const p = generate(out);
  for (const [k, v] of Object.entries(p)) console.log(k, v);
}
