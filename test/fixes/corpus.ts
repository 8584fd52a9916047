/** Realistic manifests in many layouts, for the fix engine's property tests. */

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
  annotations:
    sidecar.istio.io/inject: "true"
    linkerd.io/inject: enabled
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      hostNetwork: true
      containers:
      - name: web # the storefront
        image: nginx:latest
        ports:
        - containerPort: 8080
          name: http
          hostPort: 8080
        securityContext:
          privileged: true
          allowPrivilegeEscalation: true
          runAsNonRoot: false
          capabilities:
            add: ["SYS_ADMIN", "NET_ADMIN"]
        readinessProbe:
          httpGet:
            path: /ready
            port: htp
            host: example.com
      - name: sidecar
        image: busybox:1.36
        command: ["sh", "-c", "sleep infinity"]
`;

const flowStyle = `apiVersion: v1
kind: Pod
metadata: {name: flow, namespace: apps, labels: {app: flow}}
spec:
  containers:
  - {name: app, image: "redis:7", ports: [{containerPort: 6379, name: redis}], securityContext: {privileged: true, capabilities: {drop: [NET_RAW]}}}
`;

const fourSpaces = `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
    namespace: data
spec:
    serviceName: db
    replicas: 2
    selector:
        matchLabels:
            app: db
    template:
        metadata:
            labels:
                app: db
        spec:
            securityContext:
                runAsUser: 0
            containers:
                -   name: postgres
                    image: postgres:16
                    ports:
                        -   containerPort: 5432
                            name: pg
                    volumeMounts:
                        -   name: data
                            mountPath: /var/lib/postgresql/data
    volumeClaimTemplates:
        -   metadata:
                name: data
            spec:
                resources:
                    requests:
                        storage: 10Gi
`;

const cronjob = `# nightly report
apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: report
  namespace: jobs
  annotations:
    sidecar.istio.io/inject: "yes"
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: "example.com/report:1.2"   # pinned
            args: [--since, 24h]
            livenessProbe:
              exec:
                command: [cat, /tmp/ok]
`;

const daemonset = `---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
      annotations:
        sidecar.istio.io/injectt: "false"
        traffic.sidecar.istio.io/excludeOutboundPorts: "abc"
    spec:
      hostPID: true
      hostIPC: true
      securityContext: {}
      containers:
      - name: agent
        image: agent:2.0
        securityContext:
        volumeMounts:
        - {name: sock, mountPath: /var/run/docker.sock}
      volumes:
      - name: sock
        hostPath: {path: /var/run/docker.sock}
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: strict
`;

const pvc = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: shop
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cms
  namespace: shop
  labels: {app.kubernetes.io/name: cms}
spec:
  replicas: 1
  strategy:
    type: RollingUpdate
  selector:
    matchLabels: {app: cms}
  template:
    metadata:
      labels: {app: cms}
      annotations:
        linkerd.io/inject: "true"
    spec:
      containers:
      - name: cms
        image: cms:3.1
        imagePullPolicy: IfNotPresent
        ports:
        - containerPort: 3306
        env:
        - name: MODE
          value: prod
        resources:
          requests:
            cpu: 50m
        volumeMounts:
        - name: data
          mountPath: /data
      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: data
`;

const typoFields = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: typo
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels:
      app: typo
  template:
    metadata:
      labels:
        app: typo
    spec:
      containers:
      - name: app
        image: app:1.0
        imagePullPolcy: Always
        port:
        - containerPort: 80
        resources:
          limits:
            memory: 64Mi
`;


const meshJob = `apiVersion: v1
kind: Namespace
metadata:
  name: team
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: team
spec:
  template:
    metadata:
      labels:
        sidecar.istio.io/inject: "true"
      annotations:
        sidecar.istio.io/nativeSidecar: "false"
        sidecar.istio.io/inject: "true"
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: migrate:4.2
        ports:
        - containerPort: 8080
          name: http
        readinessProbe:
          httpGet: {path: /ready, port: http}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mysql
  namespace: team
spec:
  replicas: 1
  selector:
    matchLabels:
      app: mysql
  template:
    metadata:
      labels:
        app: mysql
      annotations:
        linkerd.io/inject: enabled
    spec:
      containers:
      - name: mysql
        image: mysql:8.4
        ports:
        - containerPort: 3306
          name: mysql
`;

const crlf = deployment.replace(/\n/g, '\r\n');
const bom = '\ufeff' + fourSpaces;
const noFinalNewline = flowStyle.replace(/\n$/, '');

export const CORPUS: Record<string, string> = {
  'deployment.yaml': deployment,
  'flow.yaml': flowStyle,
  'four-spaces.yaml': fourSpaces,
  'cronjob.yaml': cronjob,
  'daemonset.yaml': daemonset,
  'pvc.yaml': pvc,
  'typo.yaml': typoFields,
  'mesh-job.yaml': meshJob,
  'crlf.yaml': crlf,
  'bom.yaml': bom,
  'no-final-newline.yaml': noFinalNewline,
};
