/** Golden quick-fix tests for the service mesh rules: annotations moved, renamed, re-spelt, extended. */

import { asCrlf, runGoldens, type Golden, type NotApplicable } from './harness';

const misplacedBlock: Golden = {
  rule: 'mesh-annotation-misplaced',
  name: 'moved to the pod template, creating its annotations after labels; the emptied annotations go',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations:
    sidecar.istio.io/proxyCPU: 200m
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
      annotations:
        sidecar.istio.io/proxyCPU: 200m
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
`,
};

const unknownBlock: Golden = {
  rule: 'mesh-annotation-unknown',
  name: 'a wrongly cased key renamed, value kept',
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
      annotations:
        sidecar.istio.io/proxyCpu: 100m
        sidecar.istio.io/proxyMemory: 128Mi
    spec:
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
      annotations:
        sidecar.istio.io/proxyCPU: 100m
        sidecar.istio.io/proxyMemory: 128Mi
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
`,
};

const valueBlock: Golden = {
  rule: 'mesh-annotation-value',
  name: 'a plain yes (a string, not a boolean) becomes a quoted "true"',
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
      annotations:
        sidecar.istio.io/rewriteAppHTTPProbers: yes
    spec:
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
      annotations:
        sidecar.istio.io/rewriteAppHTTPProbers: "true"
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
`,
};

const deprecatedBlock: Golden = {
  rule: 'mesh-annotation-deprecated',
  name: 'the Istio inject annotation moves to the pod labels; the emptied annotations go',
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
      annotations:
        sidecar.istio.io/inject: "true"
    spec:
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
        sidecar.istio.io/inject: "true"
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
`,
};

const jobBlock: Golden = {
  rule: 'mesh-job-sidecar',
  name: 'nativeSidecar "false" becomes "true", quotes kept',
  layouts: ['block'],
  input: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    metadata:
      labels:
        sidecar.istio.io/inject: "true"
      annotations:
        sidecar.istio.io/nativeSidecar: "false"
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: ghcr.io/acme/migrate:4.2
`,
  expected: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    metadata:
      labels:
        sidecar.istio.io/inject: "true"
      annotations:
        sidecar.istio.io/nativeSidecar: "true"
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: ghcr.io/acme/migrate:4.2
`,
};

const opaqueBlock: Golden = {
  rule: 'mesh-opaque-port',
  name: 'the MySQL port appended to the pod\'s own opaque-ports list, quotes kept',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
      annotations:
        linkerd.io/inject: enabled
        config.linkerd.io/opaque-ports: "8443"
    spec:
      containers:
      - name: mysql
        image: mysql:8.4
        ports:
        - containerPort: 3306
          name: mysql
`,
  expected: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
      annotations:
        linkerd.io/inject: enabled
        config.linkerd.io/opaque-ports: "8443,3306"
    spec:
      containers:
      - name: mysql
        image: mysql:8.4
        ports:
        - containerPort: 3306
          name: mysql
`,
};

export const GOLDENS: Golden[] = [
  // ---- mesh-annotation-misplaced
  misplacedBlock,
  asCrlf(misplacedBlock),
  {
    rule: 'mesh-annotation-misplaced',
    name: 'flow metadata on both ends',
    layouts: ['flow'],
    input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, annotations: {sidecar.istio.io/proxyCPU: 200m}}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - {name: api, image: "ghcr.io/acme/api:2.3.1"}
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}, annotations: {sidecar.istio.io/proxyCPU: 200m}}
    spec:
      containers:
      - {name: api, image: "ghcr.io/acme/api:2.3.1"}
`,
  },
  {
    rule: 'mesh-annotation-misplaced',
    name: 'Linkerd inject moved into existing pod annotations; the other annotation and the comments stay; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: api
    annotations:
        team: payments # on-call rota
        linkerd.io/inject: enabled
spec:
    selector:
        matchLabels:
            app: api
    template:
        metadata:
            labels:
                app: api
            annotations:
                # scraped by Prometheus
                prometheus.io/scrape: "true"
        spec:
            containers:
            -   name: api
                image: ghcr.io/acme/api:2.3.1
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: api
    annotations:
        team: payments # on-call rota
spec:
    selector:
        matchLabels:
            app: api
    template:
        metadata:
            labels:
                app: api
            annotations:
                # scraped by Prometheus
                prometheus.io/scrape: "true"
                linkerd.io/inject: enabled
        spec:
            containers:
            -   name: api
                image: ghcr.io/acme/api:2.3.1
`,
  },

  // ---- mesh-annotation-unknown
  unknownBlock,
  asCrlf(unknownBlock),
  {
    rule: 'mesh-annotation-unknown',
    name: 'a misspelt Linkerd key in flow annotations',
    layouts: ['flow'],
    input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}, annotations: {linkerd.io/inject: enabled, config.linkerd.io/proxy-cpu-limt: "1"}}
    spec:
      containers:
      - {name: api, image: "ghcr.io/acme/api:2.3.1"}
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}, annotations: {linkerd.io/inject: enabled, config.linkerd.io/proxy-cpu-limit: "1"}}
    spec:
      containers:
      - {name: api, image: "ghcr.io/acme/api:2.3.1"}
`,
  },
  {
    rule: 'mesh-annotation-unknown',
    name: 'a quoted key keeps its quotes and its comment; 4 spaces',
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
            annotations:
                # sized for the proxy's peak
                "sidecar.istio.io/proxyMemroy": 256Mi # see capacity plan
        spec:
            containers:
            -   name: api
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
            annotations:
                # sized for the proxy's peak
                "sidecar.istio.io/proxyMemory": 256Mi # see capacity plan
        spec:
            containers:
            -   name: api
                image: ghcr.io/acme/api:2.3.1
`,
  },

  // ---- mesh-annotation-value
  valueBlock,
  asCrlf(valueBlock),
  {
    rule: 'mesh-annotation-value',
    name: 'a boolean linkerd.io/inject in flow annotations becomes enabled',
    layouts: ['flow'],
    input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}, annotations: {linkerd.io/inject: true}}
    spec:
      containers:
      - {name: api, image: "ghcr.io/acme/api:2.3.1"}
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}, annotations: {linkerd.io/inject: enabled}}
    spec:
      containers:
      - {name: api, image: "ghcr.io/acme/api:2.3.1"}
`,
  },
  {
    rule: 'mesh-annotation-value',
    name: 'a single-quoted "yes" keeps single quotes, comments kept; 4 spaces',
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
            annotations:
                # probes go through the proxy
                sidecar.istio.io/rewriteAppHTTPProbers: 'yes' # mTLS strict
        spec:
            containers:
            -   name: api
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
            annotations:
                # probes go through the proxy
                sidecar.istio.io/rewriteAppHTTPProbers: 'true' # mTLS strict
        spec:
            containers:
            -   name: api
                image: ghcr.io/acme/api:2.3.1
`,
  },

  // ---- mesh-annotation-deprecated
  deprecatedBlock,
  asCrlf(deprecatedBlock),
  {
    rule: 'mesh-annotation-deprecated',
    name: 'a deprecated alpha Linkerd key renamed in flow annotations',
    layouts: ['flow'],
    input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}, annotations: {linkerd.io/inject: enabled, config.alpha.linkerd.io/proxy-enable-native-sidecar: "true"}}
    spec:
      containers:
      - {name: api, image: "ghcr.io/acme/api:2.3.1"}
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}, annotations: {linkerd.io/inject: enabled, config.linkerd.io/proxy-enable-native-sidecar: "true"}}
    spec:
      containers:
      - {name: api, image: "ghcr.io/acme/api:2.3.1"}
`,
  },
  {
    rule: 'mesh-annotation-deprecated',
    name: 'the Istio inject annotation moves to the labels, the remaining annotation and comments stay; 4 spaces',
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
                app: api # selector label
            annotations:
                sidecar.istio.io/inject: "true"
                # sized for the proxy's peak
                sidecar.istio.io/proxyMemory: 256Mi
        spec:
            containers:
            -   name: api
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
                app: api # selector label
                sidecar.istio.io/inject: "true"
            annotations:
                # sized for the proxy's peak
                sidecar.istio.io/proxyMemory: 256Mi
        spec:
            containers:
            -   name: api
                image: ghcr.io/acme/api:2.3.1
`,
  },

  // ---- mesh-job-sidecar
  jobBlock,
  asCrlf(jobBlock),
  {
    rule: 'mesh-job-sidecar',
    name: 'the Linkerd native-sidecar switch in flow annotations',
    layouts: ['flow'],
    input: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    metadata: {annotations: {linkerd.io/inject: enabled, config.linkerd.io/proxy-enable-native-sidecar: "false"}}
    spec:
      restartPolicy: Never
      containers:
      - {name: migrate, image: "ghcr.io/acme/migrate:4.2"}
`,
    expected: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    metadata: {annotations: {linkerd.io/inject: enabled, config.linkerd.io/proxy-enable-native-sidecar: "true"}}
    spec:
      restartPolicy: Never
      containers:
      - {name: migrate, image: "ghcr.io/acme/migrate:4.2"}
`,
  },
  {
    rule: 'mesh-job-sidecar',
    name: 'a CronJob, comments kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: backup
spec:
    schedule: "0 2 * * *"
    jobTemplate:
        spec:
            template:
                metadata:
                    labels:
                        sidecar.istio.io/inject: "true"
                    annotations:
                        # classic sidecar until the upgrade
                        sidecar.istio.io/nativeSidecar: "false" # INC-2211
                spec:
                    restartPolicy: OnFailure
                    containers:
                    -   name: backup
                        image: ghcr.io/acme/backup:1.4
`,
    expected: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: backup
spec:
    schedule: "0 2 * * *"
    jobTemplate:
        spec:
            template:
                metadata:
                    labels:
                        sidecar.istio.io/inject: "true"
                    annotations:
                        # classic sidecar until the upgrade
                        sidecar.istio.io/nativeSidecar: "true" # INC-2211
                spec:
                    restartPolicy: OnFailure
                    containers:
                    -   name: backup
                        image: ghcr.io/acme/backup:1.4
`,
  },

  // ---- mesh-opaque-port
  opaqueBlock,
  asCrlf(opaqueBlock),
  {
    rule: 'mesh-opaque-port',
    name: 'a Postgres port in flow annotations: the list gains it',
    layouts: ['flow'],
    input: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}, annotations: {linkerd.io/inject: enabled, config.linkerd.io/opaque-ports: "8443"}}
    spec:
      containers:
      - {name: postgres, image: "postgres:16", ports: [{containerPort: 5432, name: postgres}]}
`,
    expected: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}, annotations: {linkerd.io/inject: enabled, config.linkerd.io/opaque-ports: "8443,5432"}}
    spec:
      containers:
      - {name: postgres, image: "postgres:16", ports: [{containerPort: 5432, name: postgres}]}
`,
  },
  {
    rule: 'mesh-opaque-port',
    // The new list starts from Linkerd's default list (the one in effect); with commas it is a string
    // in plain style, so it needs no quotes (a lone port number would, and gets them).
    name: 'a Redis port on a non-default number: the list in effect (the default) plus the port; comments kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: cache
spec:
    selector:
        matchLabels:
            app: cache
    template:
        metadata:
            labels:
                app: cache
            annotations:
                linkerd.io/inject: enabled # meshed
        spec:
            containers:
            -   name: redis
                image: redis:7.4
                ports:
                # not the default port: shared node
                -   containerPort: 6380
                    name: redis
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: cache
spec:
    selector:
        matchLabels:
            app: cache
    template:
        metadata:
            labels:
                app: cache
            annotations:
                linkerd.io/inject: enabled # meshed
                config.linkerd.io/opaque-ports: 25,587,3306,4444,5432,6379,9300,11211,6380
        spec:
            containers:
            -   name: redis
                image: redis:7.4
                ports:
                # not the default port: shared node
                -   containerPort: 6380
                    name: redis
`,
  },
];

export const NOT_APPLICABLE: NotApplicable[] = [];

if (require.main === module) runGoldens(GOLDENS);
