/** Golden quick-fix tests for the schema rules: misspelt fields renamed, deprecated apiVersions rewritten. */

import { asCrlf, runGoldens, type Golden, type NotApplicable } from './harness';

const renameBlock: Golden = {
  rule: 'schema-invalid',
  name: 'a misspelt container field is renamed, its value untouched',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        imagePullPolcy: IfNotPresent
`,
  expected: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        imagePullPolicy: IfNotPresent
`,
};

const cronJob: Golden = {
  rule: 'deprecated-api',
  name: 'batch/v1beta1 CronJob becomes batch/v1',
  layouts: ['block'],
  input: `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
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
          restartPolicy: OnFailure
          containers:
          - name: report
            image: ghcr.io/acme/report:1.0
`,
};

export const GOLDENS: Golden[] = [
  // ---- schema-invalid
  renameBlock,
  asCrlf(renameBlock),
  {
    rule: 'schema-invalid',
    name: 'a misspelt key inside a flow mapping',
    layouts: ['flow'],
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: web, image: "nginx:1.27", imagePullPolcy: IfNotPresent}\n',
    expected: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: web, image: "nginx:1.27", imagePullPolicy: IfNotPresent}\n',
  },
  {
    rule: 'schema-invalid',
    name: 'port: renamed to ports, the block list under it and the comments unchanged; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: v1
kind: Pod
metadata:
    name: web
spec:
    containers:
    -   name: web
        image: nginx:1.27
        # the HTTP port
        port: # served by nginx
        -   containerPort: 80
            name: http
`,
    expected: `apiVersion: v1
kind: Pod
metadata:
    name: web
spec:
    containers:
    -   name: web
        image: nginx:1.27
        # the HTTP port
        ports: # served by nginx
        -   containerPort: 80
            name: http
`,
  },

  // ---- deprecated-api
  cronJob,
  asCrlf(cronJob),
  {
    rule: 'deprecated-api',
    name: 'a JSON (flow) manifest keeps its double quotes',
    layouts: ['flow'],
    input: '{"apiVersion": "rbac.authorization.k8s.io/v1beta1", "kind": "Role", "metadata": {"name": "reader", "namespace": "shop"}, "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]}\n',
    expected: '{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "reader", "namespace": "shop"}, "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]}\n',
  },
  {
    rule: 'deprecated-api',
    name: 'the comment after apiVersion and the header comment stay; 4 spaces',
    layouts: ['comments', 'indent4'],
    input: `# Owned by the platform team
apiVersion: apps/v1beta2 # old chart
kind: Deployment
metadata:
    name: web
spec:
    selector:
        matchLabels:
            app: web
    template:
        metadata:
            labels:
                app: web
        spec:
            containers:
                -   name: web
                    image: nginx:1.27
`,
    expected: `# Owned by the platform team
apiVersion: apps/v1 # old chart
kind: Deployment
metadata:
    name: web
spec:
    selector:
        matchLabels:
            app: web
    template:
        metadata:
            labels:
                app: web
        spec:
            containers:
                -   name: web
                    image: nginx:1.27
`,
  },
];

export const NOT_APPLICABLE: NotApplicable[] = [];

if (require.main === module) runGoldens(GOLDENS);
