/** Golden quick-fix tests for the resources rules: requests, memory limits, recommended labels. */

import { asCrlf, runGoldens, type Golden, type NotApplicable } from './harness';

const requestsBlock: Golden = {
  rule: 'resources-requests-missing',
  name: 'resources created with both requests, before volumeMounts',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: ghcr.io/acme/worker:1.8
        env:
        - name: QUEUE
          value: orders
        volumeMounts:
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: tmp
        emptyDir: {}
`,
  expected: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: ghcr.io/acme/worker:1.8
        env:
        - name: QUEUE
          value: orders
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
        volumeMounts:
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: tmp
        emptyDir: {}
`,
};

const limitsBlock: Golden = {
  rule: 'resources-limits-missing',
  name: 'the memory limit equals the memory request, added after requests',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: ghcr.io/acme/worker:1.8
        resources:
          requests:
            cpu: 250m
            memory: 512Mi
`,
  expected: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: ghcr.io/acme/worker:1.8
        resources:
          requests:
            cpu: 250m
            memory: 512Mi
          limits:
            memory: 512Mi
`,
};

const labelsBlock: Golden = {
  rule: 'labels-recommended',
  name: 'metadata.labels created after namespace, before annotations',
  layouts: ['block'],
  input: `apiVersion: v1
kind: Service
metadata:
  name: checkout
  namespace: shop
  annotations:
    owner: payments
spec:
  selector:
    app: checkout
  ports:
  - port: 80
    targetPort: 8080
`,
  expected: `apiVersion: v1
kind: Service
metadata:
  name: checkout
  namespace: shop
  labels:
    app.kubernetes.io/name: checkout
  annotations:
    owner: payments
spec:
  selector:
    app: checkout
  ports:
  - port: 80
    targetPort: 8080
`,
};

export const GOLDENS: Golden[] = [
  // ---- resources-requests-missing
  requestsBlock,
  asCrlf(requestsBlock),
  {
    rule: 'resources-requests-missing',
    name: 'the missing cpu request added to flow resources, the memory limit kept',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: worker}\nspec:\n  containers:\n  - {name: worker, image: "ghcr.io/acme/worker:1.8", resources: {limits: {memory: 256Mi}}}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: worker}\nspec:\n  containers:\n  - {name: worker, image: "ghcr.io/acme/worker:1.8", resources: {limits: {memory: 256Mi}, requests: {cpu: 100m}}}\n',
  },
  {
    rule: 'resources-requests-missing',
    name: 'the missing memory request added beside the cpu request, comments kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: worker
spec:
    containers:
    -   name: worker
        image: ghcr.io/acme/worker:1.8
        resources:
            # from the load test of March
            requests:
                cpu: 500m # two workers per core
            limits:
                cpu: "1"
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: worker
spec:
    containers:
    -   name: worker
        image: ghcr.io/acme/worker:1.8
        resources:
            # from the load test of March
            requests:
                cpu: 500m # two workers per core
                memory: 128Mi
            limits:
                cpu: "1"
`,
  },

  // ---- resources-limits-missing
  limitsBlock,
  asCrlf(limitsBlock),
  {
    rule: 'resources-limits-missing',
    name: 'a memory limit added to flow resources',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: worker}\nspec:\n  containers:\n  - {name: worker, image: "ghcr.io/acme/worker:1.8", resources: {requests: {cpu: 250m, memory: 512Mi}}}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: worker}\nspec:\n  containers:\n  - {name: worker, image: "ghcr.io/acme/worker:1.8", resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {memory: 512Mi}}}\n',
  },
  {
    rule: 'resources-limits-missing',
    name: 'added to an existing limits mapping (cpu only), comments kept; 4 spaces, indented sequences',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: worker
spec:
    containers:
        -   name: worker
            image: ghcr.io/acme/worker:1.8
            resources:
                limits:
                    cpu: "2" # burst for batch jobs
                # requests come from the capacity plan
                requests:
                    cpu: 250m
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: worker
spec:
    containers:
        -   name: worker
            image: ghcr.io/acme/worker:1.8
            resources:
                limits:
                    cpu: "2" # burst for batch jobs
                    memory: 256Mi
                # requests come from the capacity plan
                requests:
                    cpu: 250m
`,
    // The memory limit is a memory request too (the API copies it), so the missing request goes.
    alsoGone: ['resources-requests-missing'],
    newFindings: [],
  },

  // ---- labels-recommended
  labelsBlock,
  asCrlf(labelsBlock),
  {
    rule: 'labels-recommended',
    name: 'the label added to flow labels',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Service\nmetadata: {name: checkout, namespace: shop, labels: {team: payments}}\nspec: {selector: {app: checkout}, ports: [{port: 80, targetPort: 8080}]}\n',
    expected: 'apiVersion: v1\nkind: Service\nmetadata: {name: checkout, namespace: shop, labels: {team: payments, app.kubernetes.io/name: checkout}}\nspec: {selector: {app: checkout}, ports: [{port: 80, targetPort: 8080}]}\n',
  },
  {
    rule: 'labels-recommended',
    name: 'the label added to existing block labels, comments kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Service
metadata:
    name: checkout
    namespace: shop
    labels:
        # billing
        team: payments # cost centre 42
spec:
    selector:
        app: checkout
    ports:
    -   port: 80
        targetPort: 8080
`,
    expected: `apiVersion: v1
kind: Service
metadata:
    name: checkout
    namespace: shop
    labels:
        # billing
        team: payments # cost centre 42
        app.kubernetes.io/name: checkout
spec:
    selector:
        app: checkout
    ports:
    -   port: 80
        targetPort: 8080
`,
  },
];

export const NOT_APPLICABLE: NotApplicable[] = [];

if (require.main === module) runGoldens(GOLDENS);
