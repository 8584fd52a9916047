/** Realistic manifests shared by the storage and resources tests. */

import { applyOps } from '../../../server/src/fixes';
import type { TestFinding } from '../../helpers';
import { yaml } from '../../helpers';

/** `kubectl create deployment uploads --image=nginx:1.27 --replicas=N --dry-run=client -o yaml`, plus a PVC volume. */
export const uploadsDeployment = (replicas: number, strategy = 'strategy: {}') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    creationTimestamp: null
    labels:
      app: uploads
    name: uploads
  spec:
    replicas: ${replicas}
    selector:
      matchLabels:
        app: uploads
    ${strategy}
    template:
      metadata:
        creationTimestamp: null
        labels:
          app: uploads
      spec:
        containers:
        - image: nginx:1.27
          name: nginx
          resources: {}
          volumeMounts:
          - name: data
            mountPath: /usr/share/nginx/html
        volumes:
        - name: data
          persistentVolumeClaim:
            claimName: uploads-data
  status: {}
`;

export const pvc = (name: string, modes: string[], storageClass?: string) => yaml`
  apiVersion: v1
  kind: PersistentVolumeClaim
  metadata:
    name: ${name}
  spec:
    accessModes: [${modes.join(', ')}]
    ${storageClass === undefined ? '' : `storageClassName: ${storageClass}`}
    resources:
      requests:
        storage: 10Gi
`;

export const hpa = (target: string, min: number, max: number) => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata:
    name: ${target}
  spec:
    scaleTargetRef:
      apiVersion: apps/v1
      kind: Deployment
      name: ${target}
    minReplicas: ${min}
    maxReplicas: ${max}
    metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: 70}
`;

/** Rook/Ceph StorageClasses as the Rook examples install them. */
export const rookRbd = yaml`
  apiVersion: storage.k8s.io/v1
  kind: StorageClass
  metadata:
    name: rook-ceph-block
  provisioner: rook-ceph.rbd.csi.ceph.com
  parameters:
    clusterID: rook-ceph
    pool: replicapool
    imageFormat: "2"
    csi.storage.k8s.io/fstype: ext4
  reclaimPolicy: Delete
  allowVolumeExpansion: true
`;
export const rookCephfs = yaml`
  apiVersion: storage.k8s.io/v1
  kind: StorageClass
  metadata:
    name: rook-cephfs
  provisioner: rook-ceph.cephfs.csi.ceph.com
  parameters:
    clusterID: rook-ceph
    fsName: myfs
    pool: myfs-replicated
  reclaimPolicy: Retain
`;
export const ebsDefault = yaml`
  apiVersion: storage.k8s.io/v1
  kind: StorageClass
  metadata:
    name: gp3
    annotations:
      storageclass.kubernetes.io/is-default-class: "true"
  provisioner: ebs.csi.aws.com
  volumeBindingMode: WaitForFirstConsumer
  parameters:
    type: gp3
`;

/** A PostgreSQL StatefulSet with its headless Service. */
/** `vct`: the lines of the volumeClaimTemplate's spec, unindented. */
export const postgres = (opts: { storageClass?: string; vct?: string; serviceName?: string } = {}) => yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata:
    name: postgres
    namespace: db
    labels:
      app.kubernetes.io/name: postgres
  spec:
    serviceName: ${opts.serviceName ?? 'postgres'}
    replicas: 3
    selector:
      matchLabels:
        app.kubernetes.io/name: postgres
    template:
      metadata:
        labels:
          app.kubernetes.io/name: postgres
      spec:
        containers:
        - name: postgres
          image: postgres:16.4
          ports:
          - name: tcp-postgres
            containerPort: 5432
          volumeMounts:
          - name: pgdata
            mountPath: /var/lib/postgresql/data
    volumeClaimTemplates:
    - metadata:
        name: pgdata
      spec:
        ${(opts.vct ?? ['accessModes: [ReadWriteOnce]', ...(opts.storageClass ? [`storageClassName: ${opts.storageClass}`] : []), 'resources:', '  requests:', '    storage: 20Gi'].join('\n')).split('\n').join('\n        ')}
`;

export const headless = (name: string, ns: string, clusterIP = 'None') => yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: ${name}
    namespace: ${ns}
  spec:
    clusterIP: ${clusterIP}
    selector:
      app.kubernetes.io/name: ${name}
    ports:
    - name: tcp-postgres
      port: 5432
`;

/** Applies a finding's fix to the text it was found in. */
export function applyFix(text: string, f: TestFinding): string {
  if (!f.fix) throw new Error(`finding of ${f.rule} has no fix`);
  return applyOps(text, f.docIndex, f.fix.ops);
}

/** Indents the continuation lines of `text` for interpolation at raw column `col` of a yaml`` template. */
export const at = (col: number, text: string) => text.split('\n').join('\n' + ' '.repeat(col));
