/** Golden quick-fix tests for the privileges rules (Pod Security, capabilities, host access, tokens). */

import { asCrlf, crlf, runGoldens, type Golden, type NotApplicable } from './harness';

// privilege-escalation-allowed words its finding differently once a container is no longer privileged
// (the escalation is no longer implied), so that rule's finding is replaced, not added.
const escalationReworded = { alsoGone: ['privilege-escalation-allowed'], newFindings: ['privilege-escalation-allowed'] };

const privilegedBlock: Golden = {
  rule: 'privileged-container',
  name: 'privileged: true becomes false in place',
  layouts: ['block'],
  ...escalationReworded,
  input: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: api
    image: ghcr.io/acme/api:2.3.1
    securityContext:
      privileged: true
      readOnlyRootFilesystem: true
`,
  expected: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: api
    image: ghcr.io/acme/api:2.3.1
    securityContext:
      privileged: false
      readOnlyRootFilesystem: true
`,
};

const escalationBlock: Golden = {
  rule: 'privilege-escalation-allowed',
  name: 'added at the end of the existing container securityContext',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
        securityContext:
          readOnlyRootFilesystem: true
          capabilities:
            drop:
            - ALL
`,
  expected: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
        securityContext:
          readOnlyRootFilesystem: true
          capabilities:
            drop:
            - ALL
          allowPrivilegeEscalation: false
`,
};

const runAsRootBlock: Golden = {
  rule: 'run-as-root',
  name: 'runAsNonRoot added to the existing pod securityContext',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
spec:
  serviceName: cache
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      securityContext:
        fsGroup: 1000
      containers:
      - name: redis
        image: redis:7.4
        ports:
        - containerPort: 6379
          name: redis
`,
  expected: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
spec:
  serviceName: cache
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      securityContext:
        fsGroup: 1000
        runAsNonRoot: true
      containers:
      - name: redis
        image: redis:7.4
        ports:
        - containerPort: 6379
          name: redis
`,
};

const capAddedBlock: Golden = {
  rule: 'capabilities-added',
  name: 'the capability is removed from a block list, the rest stays',
  layouts: ['block'],
  input: `apiVersion: v1
kind: Pod
metadata:
  name: ntp
spec:
  containers:
  - name: chrony
    image: docker.io/library/chrony:4.5
    securityContext:
      capabilities:
        drop:
        - ALL
        add:
        - SYS_TIME
        - NET_BIND_SERVICE
`,
  expected: `apiVersion: v1
kind: Pod
metadata:
  name: ntp
spec:
  containers:
  - name: chrony
    image: docker.io/library/chrony:4.5
    securityContext:
      capabilities:
        drop:
        - ALL
        add:
        - NET_BIND_SERVICE
`,
};

const capNotDroppedBlock: Golden = {
  rule: 'capabilities-not-dropped',
  name: 'drop: [ALL] created beside add, as a block list like the file',
  layouts: ['block'],
  input: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    securityContext:
      capabilities:
        add:
        - NET_BIND_SERVICE
`,
  expected: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    securityContext:
      capabilities:
        add:
        - NET_BIND_SERVICE
        drop:
        - ALL
`,
};

const hostNsBlock: Golden = {
  rule: 'host-namespace',
  name: 'hostPID: true becomes false',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      hostPID: true
      containers:
      - name: agent
        image: ghcr.io/acme/agent:0.9
`,
  expected: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      hostPID: false
      containers:
      - name: agent
        image: ghcr.io/acme/agent:0.9
`,
};

const hostPortBlock: Golden = {
  rule: 'host-port',
  name: 'the hostPort line goes, the port entry stays',
  layouts: ['block'],
  input: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 8080
      hostPort: 80
      name: http
`,
  expected: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 8080
      name: http
`,
};

const writableBlock: Golden = {
  rule: 'writable-root-filesystem',
  name: 'a container securityContext is created at the end of the container',
  layouts: ['block'],
  input: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 8080
      name: http
    volumeMounts:
    - name: cache
      mountPath: /var/cache/nginx
  volumes:
  - name: cache
    emptyDir: {}
`,
  expected: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 8080
      name: http
    volumeMounts:
    - name: cache
      mountPath: /var/cache/nginx
    securityContext:
      readOnlyRootFilesystem: true
  volumes:
  - name: cache
    emptyDir: {}
`,
};

const seccompBlock: Golden = {
  rule: 'seccomp-profile',
  name: 'seccompProfile added to the existing pod securityContext',
  layouts: ['block'],
  input: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: api
    image: ghcr.io/acme/api:2.3.1
`,
  expected: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: api
    image: ghcr.io/acme/api:2.3.1
`,
};

const probeHostBlock: Golden = {
  rule: 'probe-host-field',
  name: 'host removed from an httpGet probe',
  layouts: ['block'],
  input: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: ghcr.io/acme/api:2.3.1
    ports:
    - containerPort: 8080
      name: http
    readinessProbe:
      httpGet:
        host: 10.0.0.12
        path: /ready
        port: http
`,
  expected: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: ghcr.io/acme/api:2.3.1
    ports:
    - containerPort: 8080
      name: http
    readinessProbe:
      httpGet:
        path: /ready
        port: http
`,
};

const tokenBlock: Golden = {
  rule: 'service-account-token',
  name: 'automountServiceAccountToken: false after serviceAccountName',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      serviceAccountName: api
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
`,
  expected: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      serviceAccountName: api
      automountServiceAccountToken: false
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
`,
};

const workloadInShop = {
  'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
`,
};

const nsBlock: Golden = {
  rule: 'namespace-pod-security',
  name: 'the enforce label is added to the existing labels',
  layouts: ['block'],
  opts: { files: workloadInShop },
  input: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: payments
`,
  expected: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: payments
    pod-security.kubernetes.io/enforce: baseline
`,
};

export const GOLDENS: Golden[] = [
  // ---- privileged-container
  privilegedBlock,
  asCrlf(privilegedBlock),
  {
    rule: 'privileged-container',
    name: 'flow securityContext',
    layouts: ['flow'],
    ...escalationReworded,
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n  - {name: api, image: "ghcr.io/acme/api:2.3.1", securityContext: {privileged: true, readOnlyRootFilesystem: true}}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n  - {name: api, image: "ghcr.io/acme/api:2.3.1", securityContext: {privileged: false, readOnlyRootFilesystem: true}}\n',
  },
  {
    rule: 'privileged-container',
    name: 'comments around the value and 4-space flush sequences',
    layouts: ['comments', 'indent4'],
    ...escalationReworded,
    input: `apiVersion: v1
kind: Pod
metadata:
    name: api
spec:
    containers:
    -   name: api
        image: ghcr.io/acme/api:2.3.1
        securityContext:
            # TODO(ops): drop once the driver is in the node image
            privileged: true # loads a kernel module
            # keep the root filesystem read-only
            readOnlyRootFilesystem: true
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: api
spec:
    containers:
    -   name: api
        image: ghcr.io/acme/api:2.3.1
        securityContext:
            # TODO(ops): drop once the driver is in the node image
            privileged: false # loads a kernel module
            # keep the root filesystem read-only
            readOnlyRootFilesystem: true
`,
  },

  // ---- privilege-escalation-allowed
  escalationBlock,
  asCrlf(escalationBlock),
  {
    rule: 'privilege-escalation-allowed',
    name: 'allowPrivilegeEscalation: true in a flow securityContext',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n  - name: api\n    image: ghcr.io/acme/api:2.3.1\n    securityContext: {allowPrivilegeEscalation: true, readOnlyRootFilesystem: true}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n  - name: api\n    image: ghcr.io/acme/api:2.3.1\n    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}\n',
  },
  {
    rule: 'privilege-escalation-allowed',
    name: 'securityContext created after ports; comments kept; 4 spaces, indented sequences',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: api
spec:
    containers:
        # the API server
        -   name: api
            image: ghcr.io/acme/api:2.3.1 # pinned
            ports:
                -   containerPort: 8080 # plain HTTP
                    name: http
        # the log shipper
        -   name: logs
            image: fluent/fluent-bit:3.1
            securityContext:
                allowPrivilegeEscalation: false
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: api
spec:
    containers:
        # the API server
        -   name: api
            image: ghcr.io/acme/api:2.3.1 # pinned
            ports:
                -   containerPort: 8080 # plain HTTP
                    name: http
            securityContext:
                allowPrivilegeEscalation: false
        # the log shipper
        -   name: logs
            image: fluent/fluent-bit:3.1
            securityContext:
                allowPrivilegeEscalation: false
`,
  },

  // ---- run-as-root
  runAsRootBlock,
  asCrlf(runAsRootBlock),
  {
    rule: 'run-as-root',
    name: 'runAsNonRoot added to a flow pod securityContext',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  securityContext: {fsGroup: 1000}\n  containers:\n  - {name: api, image: "ghcr.io/acme/api:2.3.1"}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  securityContext: {fsGroup: 1000, runAsNonRoot: true}\n  containers:\n  - {name: api, image: "ghcr.io/acme/api:2.3.1"}\n',
  },
  {
    rule: 'run-as-root',
    name: 'pod securityContext created before containers; comments kept; 4 spaces, flush sequences',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: report
spec:
    schedule: "0 3 * * *"
    jobTemplate:
        spec:
            template:
                spec:
                    restartPolicy: OnFailure # retry in place
                    # one container is enough
                    containers:
                    -   name: report
                        image: ghcr.io/acme/report:1.0
`,
    expected: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: report
spec:
    schedule: "0 3 * * *"
    jobTemplate:
        spec:
            template:
                spec:
                    restartPolicy: OnFailure # retry in place
                    securityContext:
                        runAsNonRoot: true
                    # one container is enough
                    containers:
                    -   name: report
                        image: ghcr.io/acme/report:1.0
`,
  },

  // ---- capabilities-added
  capAddedBlock,
  asCrlf(capAddedBlock),
  {
    rule: 'capabilities-added',
    name: 'the only added capability goes, and the add list with it (flow)',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: ntp}\nspec:\n  containers:\n  - name: chrony\n    image: docker.io/library/chrony:4.5\n    securityContext: {capabilities: {drop: [ALL], add: [SYS_TIME]}}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: ntp}\nspec:\n  containers:\n  - name: chrony\n    image: docker.io/library/chrony:4.5\n    securityContext: {capabilities: {drop: [ALL]}}\n',
  },
  {
    rule: 'capabilities-added',
    name: 'the item and its comment go, the others and their comments stay; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: ntp
spec:
    containers:
        -   name: chrony
            image: docker.io/library/chrony:4.5
            securityContext:
                capabilities:
                    drop:
                        - ALL
                    # chrony sets the clock and binds port 123
                    add:
                        - NET_BIND_SERVICE # port 123
                        - SYS_TIME
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: ntp
spec:
    containers:
        -   name: chrony
            image: docker.io/library/chrony:4.5
            securityContext:
                capabilities:
                    drop:
                        - ALL
                    # chrony sets the clock and binds port 123
                    add:
                        - NET_BIND_SERVICE # port 123
`,
  },

  // ---- capabilities-not-dropped
  capNotDroppedBlock,
  asCrlf(capNotDroppedBlock),
  {
    rule: 'capabilities-not-dropped',
    name: 'ALL appended to a flow drop list',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: nginx, image: "nginx:1.27", securityContext: {capabilities: {drop: [NET_RAW]}}}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: nginx, image: "nginx:1.27", securityContext: {capabilities: {drop: [NET_RAW, ALL]}}}\n',
  },
  {
    rule: 'capabilities-not-dropped',
    name: 'ALL appended to a block drop list after a commented item; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: web
spec:
    containers:
        -   name: nginx
            image: nginx:1.27
            securityContext:
                capabilities:
                    drop:
                        - NET_RAW # no raw sockets
                # read-only from here on
                readOnlyRootFilesystem: true
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: web
spec:
    containers:
        -   name: nginx
            image: nginx:1.27
            securityContext:
                capabilities:
                    drop:
                        - NET_RAW # no raw sockets
                        - ALL
                # read-only from here on
                readOnlyRootFilesystem: true
`,
  },

  // ---- host-namespace
  hostNsBlock,
  asCrlf(hostNsBlock),
  {
    rule: 'host-namespace',
    name: 'hostIPC in a flow pod spec',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec: {hostIPC: true, containers: [{name: agent, image: "ghcr.io/acme/agent:0.9"}]}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec: {hostIPC: false, containers: [{name: agent, image: "ghcr.io/acme/agent:0.9"}]}\n',
  },
  {
    rule: 'host-namespace',
    name: 'comment kept on the line; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: agent
spec:
    # shares the node's process table
    hostPID: true # for ps on the node
    containers:
    -   name: agent
        image: ghcr.io/acme/agent:0.9
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: agent
spec:
    # shares the node's process table
    hostPID: false # for ps on the node
    containers:
    -   name: agent
        image: ghcr.io/acme/agent:0.9
`,
  },

  // ---- host-port
  hostPortBlock,
  asCrlf(hostPortBlock),
  {
    rule: 'host-port',
    name: 'hostPort removed from a flow port',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    ports: [{containerPort: 8080, hostPort: 80, name: http}]\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    ports: [{containerPort: 8080, name: http}]\n',
  },
  {
    rule: 'host-port',
    name: 'hostPort as the first key of the item: the next key moves onto the dash; comments kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: web
spec:
    containers:
        -   name: nginx
            image: nginx:1.27
            ports:
                # the public port
                -   hostPort: 80
                    containerPort: 8080 # nginx listens here
                    name: http
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: web
spec:
    containers:
        -   name: nginx
            image: nginx:1.27
            ports:
                # the public port
                -   containerPort: 8080 # nginx listens here
                    name: http
`,
  },

  // ---- writable-root-filesystem
  writableBlock,
  asCrlf(writableBlock),
  {
    rule: 'writable-root-filesystem',
    name: 'readOnlyRootFilesystem: false becomes true in a flow securityContext',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: nginx, image: "nginx:1.27", securityContext: {readOnlyRootFilesystem: false}}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: nginx, image: "nginx:1.27", securityContext: {readOnlyRootFilesystem: true}}\n',
  },
  {
    rule: 'writable-root-filesystem',
    name: 'added to an existing securityContext before a trailing comment; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: web
spec:
    containers:
    -   name: nginx
        image: nginx:1.27
        securityContext:
            allowPrivilegeEscalation: false # no setuid
    # a second container would go here
    volumes:
    -   name: cache
        emptyDir: {}
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: web
spec:
    containers:
    -   name: nginx
        image: nginx:1.27
        securityContext:
            allowPrivilegeEscalation: false # no setuid
            readOnlyRootFilesystem: true
    # a second container would go here
    volumes:
    -   name: cache
        emptyDir: {}
`,
  },

  // ---- seccomp-profile
  seccompBlock,
  asCrlf(seccompBlock),
  {
    rule: 'seccomp-profile',
    name: 'a container Unconfined in flow style becomes RuntimeDefault',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - {name: api, image: "ghcr.io/acme/api:2.3.1", securityContext: {seccompProfile: {type: Unconfined}}}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - {name: api, image: "ghcr.io/acme/api:2.3.1", securityContext: {seccompProfile: {type: RuntimeDefault}}}\n',
  },
  {
    rule: 'seccomp-profile',
    name: 'pod securityContext created in a Deployment template, comments kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: api
spec:
    selector:
        matchLabels:
            app: api
    template:
        metadata:
            labels:
                app: api
        spec:
            # the API and nothing else
            containers:
                -   name: api # main
                    image: ghcr.io/acme/api:2.3.1
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: api
spec:
    selector:
        matchLabels:
            app: api
    template:
        metadata:
            labels:
                app: api
        spec:
            securityContext:
                seccompProfile:
                    type: RuntimeDefault
            # the API and nothing else
            containers:
                -   name: api # main
                    image: ghcr.io/acme/api:2.3.1
`,
  },

  // ---- probe-host-field
  probeHostBlock,
  asCrlf(probeHostBlock),
  {
    rule: 'probe-host-field',
    name: 'host removed from a flow httpGet',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n  - name: api\n    image: ghcr.io/acme/api:2.3.1\n    ports: [{containerPort: 8080, name: http}]\n    livenessProbe:\n      httpGet: {path: /healthz, port: http, host: 10.0.0.12}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n  - name: api\n    image: ghcr.io/acme/api:2.3.1\n    ports: [{containerPort: 8080, name: http}]\n    livenessProbe:\n      httpGet: {path: /healthz, port: http}\n',
  },
  {
    rule: 'probe-host-field',
    name: 'host and its comment removed, neighbours and their comments stay; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: api
spec:
    containers:
    -   name: api
        image: ghcr.io/acme/api:2.3.1
        ports:
        -   containerPort: 8080
            name: http
        readinessProbe:
            httpGet:
                path: /ready # cheap check
                host: api.internal # the old VM name
                port: http
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: api
spec:
    containers:
    -   name: api
        image: ghcr.io/acme/api:2.3.1
        ports:
        -   containerPort: 8080
            name: http
        readinessProbe:
            httpGet:
                path: /ready # cheap check
                port: http
`,
  },

  // ---- service-account-token
  tokenBlock,
  asCrlf(tokenBlock),
  {
    rule: 'service-account-token',
    name: 'automountServiceAccountToken: true becomes false in a flow pod spec',
    layouts: ['flow'],
    alsoGone: ['default-service-account'], // the default account is harmless once its token is not mounted
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec: {automountServiceAccountToken: true, containers: [{name: api, image: "ghcr.io/acme/api:2.3.1"}]}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec: {automountServiceAccountToken: false, containers: [{name: api, image: "ghcr.io/acme/api:2.3.1"}]}\n',
  },
  {
    rule: 'service-account-token',
    name: 'inserted at the head of the pod spec, above a comment that belongs to containers; 4 spaces',
    layouts: ['comments', 'indent4'],
    alsoGone: ['default-service-account'], // the default account is harmless once its token is not mounted
    input: `apiVersion: v1
kind: Pod
metadata:
    name: api
spec:
    # the API server
    containers:
    -   name: api
        image: ghcr.io/acme/api:2.3.1
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: api
spec:
    automountServiceAccountToken: false
    # the API server
    containers:
    -   name: api
        image: ghcr.io/acme/api:2.3.1
`,
  },

  // ---- namespace-pod-security
  nsBlock,
  asCrlf(nsBlock),
  {
    rule: 'namespace-pod-security',
    name: 'label added to flow labels',
    layouts: ['flow'],
    opts: { files: workloadInShop },
    input: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: payments}}\n',
    expected: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: payments, pod-security.kubernetes.io/enforce: baseline}}\n',
  },
  {
    rule: 'namespace-pod-security',
    name: 'labels created after name, comments kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    opts: { files: workloadInShop },
    input: `apiVersion: v1
kind: Namespace
metadata:
    name: shop # the storefront team
    # owned by payments
    annotations:
        owner: payments
`,
    expected: `apiVersion: v1
kind: Namespace
metadata:
    name: shop # the storefront team
    labels:
        pod-security.kubernetes.io/enforce: baseline
    # owned by payments
    annotations:
        owner: payments
`,
  },
];

export const NOT_APPLICABLE: NotApplicable[] = [];

void crlf;
if (require.main === module) runGoldens(GOLDENS);
