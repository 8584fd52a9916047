/** Golden quick-fix tests for the storage rules. */

import { asCrlf, runGoldens, type Golden, type NotApplicable } from './harness';

const vctBlock: Golden = {
  rule: 'volume-claim-template-invalid',
  name: 'accessModes added to the claim template spec',
  layouts: ['block'],
  input: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:16
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      resources:
        requests:
          storage: 10Gi
`,
  expected: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:16
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      resources:
        requests:
          storage: 10Gi
      accessModes:
      - ReadWriteOnce
`,
};

const pvc = {
  'pvc.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 5Gi
`,
};

const rwoBlock: Golden = {
  rule: 'rwo-rolling-update',
  name: 'strategy created after selector',
  layouts: ['block'],
  opts: { files: pvc },
  input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cms
spec:
  replicas: 1
  selector:
    matchLabels:
      app: cms
  template:
    metadata:
      labels:
        app: cms
    spec:
      containers:
      - name: cms
        image: ghcr.io/acme/cms:5.1
        volumeMounts:
        - name: uploads
          mountPath: /srv/uploads
      volumes:
      - name: uploads
        persistentVolumeClaim:
          claimName: uploads
`,
  expected: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cms
spec:
  replicas: 1
  selector:
    matchLabels:
      app: cms
  strategy:
    type: Recreate
  template:
    metadata:
      labels:
        app: cms
    spec:
      containers:
      - name: cms
        image: ghcr.io/acme/cms:5.1
        volumeMounts:
        - name: uploads
          mountPath: /srv/uploads
      volumes:
      - name: uploads
        persistentVolumeClaim:
          claimName: uploads
`,
};

export const GOLDENS: Golden[] = [
  // ---- volume-claim-template-invalid
  vctBlock,
  asCrlf(vctBlock),
  {
    rule: 'volume-claim-template-invalid',
    name: 'accessModes added to a flow claim template spec',
    layouts: ['flow'],
    input: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - {name: postgres, image: "postgres:16", volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {resources: {requests: {storage: 10Gi}}}
`,
    expected: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - {name: postgres, image: "postgres:16", volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {resources: {requests: {storage: 10Gi}}, accessModes: [ReadWriteOnce]}
`,
  },
  {
    rule: 'volume-claim-template-invalid',
    name: 'accessModes added to the spec, before the comment of the next template; 4 spaces, indented sequences',
    layouts: ['comments', 'indent4'],
    input: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    selector:
        matchLabels:
            app: db
    template:
        metadata:
            labels:
                app: db
        spec:
            containers:
                -   name: postgres
                    image: postgres:16
                    volumeMounts:
                        -   name: data
                            mountPath: /var/lib/postgresql/data
                        -   name: wal
                            mountPath: /var/lib/postgresql/wal
    volumeClaimTemplates:
        -   metadata:
                name: data
            spec:
                storageClassName: fast # SSD
                resources:
                    requests:
                        storage: 10Gi
        # write-ahead log on its own disk
        -   metadata:
                name: wal
            spec:
                accessModes:
                    - ReadWriteOnce
                resources:
                    requests:
                        storage: 2Gi
`,
    expected: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    selector:
        matchLabels:
            app: db
    template:
        metadata:
            labels:
                app: db
        spec:
            containers:
                -   name: postgres
                    image: postgres:16
                    volumeMounts:
                        -   name: data
                            mountPath: /var/lib/postgresql/data
                        -   name: wal
                            mountPath: /var/lib/postgresql/wal
    volumeClaimTemplates:
        -   metadata:
                name: data
            spec:
                storageClassName: fast # SSD
                resources:
                    requests:
                        storage: 10Gi
                accessModes:
                    - ReadWriteOnce
        # write-ahead log on its own disk
        -   metadata:
                name: wal
            spec:
                accessModes:
                    - ReadWriteOnce
                resources:
                    requests:
                        storage: 2Gi
`,
  },

  // ---- rwo-rolling-update
  rwoBlock,
  asCrlf(rwoBlock),
  {
    rule: 'rwo-rolling-update',
    name: 'flow strategy: type changed, rollingUpdate removed',
    layouts: ['flow'],
    opts: { files: pvc },
    input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: cms}
spec:
  replicas: 1
  selector: {matchLabels: {app: cms}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  template:
    metadata: {labels: {app: cms}}
    spec:
      containers:
      - {name: cms, image: "ghcr.io/acme/cms:5.1", volumeMounts: [{name: uploads, mountPath: /srv/uploads}]}
      volumes:
      - {name: uploads, persistentVolumeClaim: {claimName: uploads}}
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata: {name: cms}
spec:
  replicas: 1
  selector: {matchLabels: {app: cms}}
  strategy: {type: Recreate}
  template:
    metadata: {labels: {app: cms}}
    spec:
      containers:
      - {name: cms, image: "ghcr.io/acme/cms:5.1", volumeMounts: [{name: uploads, mountPath: /srv/uploads}]}
      volumes:
      - {name: uploads, persistentVolumeClaim: {claimName: uploads}}
`,
  },
  {
    rule: 'rwo-rolling-update',
    name: 'block strategy: type changed, rollingUpdate and its comment removed, other comments kept; 4 spaces',
    layouts: ['comments', 'indent4'],
    opts: { files: pvc },
    input: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: cms
spec:
    replicas: 1
    selector:
        matchLabels:
            app: cms
    # how new versions roll out
    strategy:
        type: RollingUpdate # set by the chart
        rollingUpdate:
            maxSurge: 1 # one extra pod
            maxUnavailable: 0
    template:
        metadata:
            labels:
                app: cms
        spec:
            containers:
            -   name: cms
                image: ghcr.io/acme/cms:5.1
                volumeMounts:
                -   name: uploads
                    mountPath: /srv/uploads
            volumes:
            -   name: uploads
                persistentVolumeClaim:
                    claimName: uploads
`,
    expected: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: cms
spec:
    replicas: 1
    selector:
        matchLabels:
            app: cms
    # how new versions roll out
    strategy:
        type: Recreate # set by the chart
    template:
        metadata:
            labels:
                app: cms
        spec:
            containers:
            -   name: cms
                image: ghcr.io/acme/cms:5.1
                volumeMounts:
                -   name: uploads
                    mountPath: /srv/uploads
            volumes:
            -   name: uploads
                persistentVolumeClaim:
                    claimName: uploads
`,
  },
];

export const NOT_APPLICABLE: NotApplicable[] = [];

if (require.main === module) runGoldens(GOLDENS);
