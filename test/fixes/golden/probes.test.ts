/** Golden quick-fix tests for the probes rules: inserted probes, corrected ports, probes removed from Jobs. */

import { asCrlf, runGoldens, type Golden, type NotApplicable } from './harness';

const readinessBlock: Golden = {
  rule: 'readiness-probe-missing',
  name: 'an HTTP probe on the named port, after the existing livenessProbe',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: shop
        image: ghcr.io/acme/shop:3.2
        ports:
        - containerPort: 8080
          name: http
        livenessProbe:
          httpGet:
            path: /healthz
            port: http
        env:
        - name: LOG_LEVEL
          value: info
`,
  expected: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: shop
        image: ghcr.io/acme/shop:3.2
        ports:
        - containerPort: 8080
          name: http
        livenessProbe:
          httpGet:
            path: /healthz
            port: http
        readinessProbe:
          httpGet:
            path: /ready
            port: http
          periodSeconds: 10
          timeoutSeconds: 2
          failureThreshold: 3
        env:
        - name: LOG_LEVEL
          value: info
`,
};

const livenessBlock: Golden = {
  rule: 'liveness-probe-missing',
  name: 'a TCP probe on an unnamed port, after ports and before the readinessProbe',
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
      containers:
      - name: redis
        image: redis:7.4
        ports:
        - containerPort: 6379
        readinessProbe:
          exec:
            command: [redis-cli, ping]
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
      containers:
      - name: redis
        image: redis:7.4
        ports:
        - containerPort: 6379
        livenessProbe:
          tcpSocket:
            port: 6379
          periodSeconds: 20
          timeoutSeconds: 2
          failureThreshold: 3
        readinessProbe:
          exec:
            command: [redis-cli, ping]
`,
};

const portBlock: Golden = {
  rule: 'probe-port-unknown',
  name: 'a misspelt port name becomes the declared name',
  layouts: ['block'],
  input: `apiVersion: v1
kind: Pod
metadata:
  name: shop
spec:
  containers:
  - name: shop
    image: ghcr.io/acme/shop:3.2
    ports:
    - containerPort: 8080
      name: http
    - containerPort: 9090
      name: metrics
    readinessProbe:
      httpGet:
        path: /ready
        port: htp
`,
  expected: `apiVersion: v1
kind: Pod
metadata:
  name: shop
spec:
  containers:
  - name: shop
    image: ghcr.io/acme/shop:3.2
    ports:
    - containerPort: 8080
      name: http
    - containerPort: 9090
      name: metrics
    readinessProbe:
      httpGet:
        path: /ready
        port: http
`,
};

const jobBlock: Golden = {
  rule: 'probe-on-job',
  name: 'the readinessProbe of a Job container is removed with its body',
  layouts: ['block'],
  input: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: ghcr.io/acme/migrate:4.2
        readinessProbe:
          exec:
            command:
            - cat
            - /tmp/ready
          periodSeconds: 5
        env:
        - name: DRY_RUN
          value: "false"
`,
  expected: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: ghcr.io/acme/migrate:4.2
        env:
        - name: DRY_RUN
          value: "false"
`,
};

export const GOLDENS: Golden[] = [
  // ---- readiness-probe-missing
  readinessBlock,
  asCrlf(readinessBlock),
  {
    rule: 'readiness-probe-missing',
    name: 'an HTTP probe appended to a flow container',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: shop}\nspec:\n  containers:\n  - {name: shop, image: "ghcr.io/acme/shop:3.2", ports: [{containerPort: 8080, name: http-api}]}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: shop}\nspec:\n  containers:\n  - {name: shop, image: "ghcr.io/acme/shop:3.2", ports: [{containerPort: 8080, name: http-api}], readinessProbe: {httpGet: {path: /ready, port: http-api}, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3}}\n',
  },
  {
    rule: 'readiness-probe-missing',
    name: 'inserted after ports and before a commented resources block; 4 spaces, flush sequences',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: shop
spec:
    containers:
    -   name: shop
        image: ghcr.io/acme/shop:3.2
        ports:
        -   containerPort: 8080 # the API
            name: web
        # sized for the Black Friday peak
        resources:
            requests:
                cpu: 500m
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: shop
spec:
    containers:
    -   name: shop
        image: ghcr.io/acme/shop:3.2
        ports:
        -   containerPort: 8080 # the API
            name: web
        readinessProbe:
            httpGet:
                path: /ready
                port: web
            periodSeconds: 10
            timeoutSeconds: 2
            failureThreshold: 3
        # sized for the Black Friday peak
        resources:
            requests:
                cpu: 500m
`,
  },

  // ---- liveness-probe-missing
  livenessBlock,
  asCrlf(livenessBlock),
  {
    rule: 'liveness-probe-missing',
    name: 'a TCP probe in a flow container, before its readinessProbe',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: db}\nspec:\n  containers:\n  - {name: postgres, image: "postgres:16", ports: [{containerPort: 5432, name: pg}], readinessProbe: {exec: {command: [pg_isready]}}}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: db}\nspec:\n  containers:\n  - {name: postgres, image: "postgres:16", ports: [{containerPort: 5432, name: pg}], livenessProbe: {tcpSocket: {port: pg}, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 3}, readinessProbe: {exec: {command: [pg_isready]}}}\n',
  },
  {
    rule: 'liveness-probe-missing',
    name: 'a flow container written one key per line gets the probe on a line of its own, before readinessProbe',
    layouts: ['flow'],
    input: `apiVersion: v1
kind: Pod
metadata: {name: shop}
spec:
  containers:
  - {
      name: shop,
      image: "ghcr.io/acme/shop:3.2",
      ports: [{containerPort: 8080, name: http}],
      readinessProbe: {httpGet: {path: /ready, port: http}}
    }
`,
    expected: `apiVersion: v1
kind: Pod
metadata: {name: shop}
spec:
  containers:
  - {
      name: shop,
      image: "ghcr.io/acme/shop:3.2",
      ports: [{containerPort: 8080, name: http}],
      livenessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 3},
      readinessProbe: {httpGet: {path: /ready, port: http}}
    }
`,
  },
  {
    rule: 'liveness-probe-missing',
    name: 'an HTTP probe after the ports list, above a comment of the next key; 4 spaces, indented sequences',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: shop
spec:
    selector:
        matchLabels:
            app: shop
    template:
        metadata:
            labels:
                app: shop
        spec:
            containers:
                -   name: shop
                    image: ghcr.io/acme/shop:3.2
                    ports:
                        -   containerPort: 8080
                            name: http # public
                    # the app is ready once the cache is warm
                    readinessProbe:
                        httpGet:
                            path: /ready
                            port: http
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: shop
spec:
    selector:
        matchLabels:
            app: shop
    template:
        metadata:
            labels:
                app: shop
        spec:
            containers:
                -   name: shop
                    image: ghcr.io/acme/shop:3.2
                    ports:
                        -   containerPort: 8080
                            name: http # public
                    livenessProbe:
                        httpGet:
                            path: /healthz
                            port: http
                        periodSeconds: 20
                        timeoutSeconds: 2
                        failureThreshold: 3
                    # the app is ready once the cache is warm
                    readinessProbe:
                        httpGet:
                            path: /ready
                            port: http
`,
  },

  // ---- probe-port-unknown
  portBlock,
  asCrlf(portBlock),
  {
    rule: 'probe-port-unknown',
    name: 'a quoted port name in a flow httpGet keeps its quotes',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: shop}\nspec:\n  containers:\n  - name: shop\n    image: ghcr.io/acme/shop:3.2\n    ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]\n    livenessProbe: {httpGet: {path: /healthz, port: "metrcs"}}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: shop}\nspec:\n  containers:\n  - name: shop\n    image: ghcr.io/acme/shop:3.2\n    ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]\n    livenessProbe: {httpGet: {path: /healthz, port: "metrics"}}\n',
  },
  {
    rule: 'probe-port-unknown',
    name: 'the only declared port replaces an unknown name; comment kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: db
spec:
    containers:
        -   name: postgres
            image: postgres:16
            ports:
                -   containerPort: 5432
                    name: postgres
            livenessProbe:
                # a TCP connect is enough
                tcpSocket:
                    port: db # renamed in the chart
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: db
spec:
    containers:
        -   name: postgres
            image: postgres:16
            ports:
                -   containerPort: 5432
                    name: postgres
            livenessProbe:
                # a TCP connect is enough
                tcpSocket:
                    port: postgres # renamed in the chart
`,
  },

  // ---- probe-on-job
  jobBlock,
  asCrlf(jobBlock),
  {
    rule: 'probe-on-job',
    name: 'the probe removed from a flow container',
    layouts: ['flow'],
    input: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: migrate, image: "ghcr.io/acme/migrate:4.2", readinessProbe: {exec: {command: [cat, /tmp/ready]}}, env: [{name: DRY_RUN, value: "false"}]}\n',
    expected: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: migrate, image: "ghcr.io/acme/migrate:4.2", env: [{name: DRY_RUN, value: "false"}]}\n',
  },
  {
    rule: 'probe-on-job',
    name: 'a startupProbe without liveness removed with its comment lines, neighbours kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: batch/v1
kind: Job
metadata:
    name: migrate
spec:
    template:
        spec:
            restartPolicy: Never
            containers:
            -   name: migrate
                image: ghcr.io/acme/migrate:4.2 # schema v42
                startupProbe:
                    exec:
                        command: [cat, /tmp/started] # written by the entrypoint
                # the database to migrate
                env:
                -   name: DB_HOST
                    value: postgres
`,
    expected: `apiVersion: batch/v1
kind: Job
metadata:
    name: migrate
spec:
    template:
        spec:
            restartPolicy: Never
            containers:
            -   name: migrate
                image: ghcr.io/acme/migrate:4.2 # schema v42
                # the database to migrate
                env:
                -   name: DB_HOST
                    value: postgres
`,
  },
];

export const NOT_APPLICABLE: NotApplicable[] = [];

if (require.main === module) runGoldens(GOLDENS);
