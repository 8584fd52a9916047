/**
 * Volumes, claims and storage classes as the storage rules see them: which volumes a pod declares
 * and mounts, which PersistentVolumeClaims it uses, and what a claim's StorageClass can do.
 */

import { asArray, asDict, asString, isDict, type Dict, type K8sObject } from '../../engine/object';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import type { Path } from '../../engine/types';
import { containers, podTemplate } from '../../engine/workload';

export interface PodVolume {
  name: string;
  volume: Dict;
  /** Path of the volume's mapping in `volumes`. */
  path: Path;
}

/** The pod's declared volumes (those with a string name). */
export function podVolumes(obj: K8sObject): PodVolume[] {
  const pod = podTemplate(obj);
  if (!pod) return [];
  const out: PodVolume[] = [];
  asArray(pod.spec.volumes).forEach((v, i) => {
    if (isDict(v) && typeof v.name === 'string') out.push({ name: v.name, volume: v, path: [...pod.specPath, 'volumes', i] });
  });
  return out;
}

export interface ClaimVolume extends PodVolume {
  claimName: string;
  /** Path of `persistentVolumeClaim.claimName`. */
  claimPath: Path;
}

/** Pod volumes that mount a PersistentVolumeClaim by name. */
export function claimVolumes(obj: K8sObject): ClaimVolume[] {
  const out: ClaimVolume[] = [];
  for (const v of podVolumes(obj)) {
    const claimName = asString(asDict(v.volume.persistentVolumeClaim).claimName);
    if (claimName) out.push({ ...v, claimName, claimPath: [...v.path, 'persistentVolumeClaim', 'claimName'] });
  }
  return out;
}

/** Which volumes the containers use, with where: regular, init, sidecar and ephemeral containers. */
export function volumeUses(obj: K8sObject): Map<string, { mountPath?: string; container: string; type: string }[]> {
  const uses = new Map<string, { mountPath?: string; container: string; type: string }[]>();
  for (const c of containers(obj, { init: true, sidecars: true, ephemeral: true })) {
    for (const field of ['volumeMounts', 'volumeDevices']) {
      for (const m of asArray(c.container[field])) {
        if (!isDict(m) || typeof m.name !== 'string') continue;
        const list = uses.get(m.name) ?? [];
        list.push({ mountPath: asString(m.mountPath) ?? asString(m.devicePath), container: c.name, type: c.type });
        uses.set(m.name, list);
      }
    }
  }
  return uses;
}

/** The PVC a workload's claim volume names, in the workload's namespace. */
export function findClaim(index: WorkspaceIndex, obj: K8sObject, claimName: string): K8sObject | undefined {
  return index.find('PersistentVolumeClaim', obj.effectiveNamespace, claimName);
}

/** A claim spec's access modes as strings. */
export function accessModes(claimSpec: unknown): string[] {
  return asArray(asDict(claimSpec).accessModes).filter((m): m is string => typeof m === 'string');
}

const SINGLE_NODE = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

/** Access modes present and all single-writer (ReadWriteOnce / ReadWriteOncePod). */
export function isSingleWriter(modes: string[]): boolean {
  return modes.length > 0 && modes.every((m) => SINGLE_NODE.has(m));
}

/** Shared access modes: data meant to be used by several pods at once. */
export function isShared(modes: string[]): boolean {
  return modes.some((m) => m === 'ReadWriteMany' || m === 'ReadOnlyMany');
}

/** The StorageClass annotated as the cluster default, if the workspace has one. */
export function defaultStorageClass(index: WorkspaceIndex): K8sObject | undefined {
  return index
    .ofKind('StorageClass')
    .find((sc) => sc.annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || sc.annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true');
}

/**
 * The StorageClass a claim provisions from: its storageClassName (or the legacy annotation), else the
 * workspace's default class. `""` means "no class" (static binding) and resolves to nothing.
 */
export function storageClassOf(index: WorkspaceIndex, claimSpec: unknown, claimMetadata?: unknown): { sc?: K8sObject; name?: string; viaDefault: boolean } {
  const spec = asDict(claimSpec);
  const legacy = asString(asDict(asDict(claimMetadata).annotations)['volume.beta.kubernetes.io/storage-class']);
  const name = typeof spec.storageClassName === 'string' ? spec.storageClassName : legacy;
  if (name === '') return { viaDefault: false };
  if (name !== undefined) return { sc: index.find('StorageClass', undefined, name), name, viaDefault: false };
  const sc = defaultStorageClass(index);
  return { sc, name: sc?.name, viaDefault: true };
}

export interface ProvisionerFacts {
  /** What it is, for messages. */
  label: string;
  /** Supports ReadOnlyMany on filesystem volumes. */
  rox: boolean;
  /** A hint for the message: where shared access can be had instead. */
  hint?: string;
}

/** Block-storage provisioners: one node attaches a volume at a time (filesystem mode). */
const BLOCK_PROVISIONERS: { match: (p: string) => boolean; facts: ProvisionerFacts }[] = [
  {
    match: (p) => p === 'rbd.csi.ceph.com' || p.endsWith('.rbd.csi.ceph.com') || p === 'kubernetes.io/rbd' || p === 'ceph.rook.io/block',
    facts: { label: 'Ceph RBD (block storage)', rox: false, hint: 'for shared access use a CephFS StorageClass (provisioner cephfs.csi.ceph.com, with Rook <namespace>.cephfs.csi.ceph.com), which supports ReadWriteMany' },
  },
  { match: (p) => p === 'ebs.csi.aws.com' || p === 'kubernetes.io/aws-ebs', facts: { label: 'AWS EBS', rox: false, hint: 'for shared access use EFS (efs.csi.aws.com)' } },
  { match: (p) => p === 'pd.csi.storage.gke.io' || p === 'kubernetes.io/gce-pd', facts: { label: 'GCE Persistent Disk', rox: true, hint: 'for shared read-write access use Filestore (filestore.csi.storage.gke.io)' } },
  { match: (p) => p === 'disk.csi.azure.com' || p === 'kubernetes.io/azure-disk', facts: { label: 'Azure Disk', rox: false, hint: 'for shared access use Azure Files (file.csi.azure.com)' } },
  { match: (p) => p === 'cinder.csi.openstack.org' || p === 'kubernetes.io/cinder', facts: { label: 'OpenStack Cinder', rox: false, hint: 'for shared access use Manila (manila.csi.openstack.org)' } },
  { match: (p) => p === 'dobs.csi.digitalocean.com', facts: { label: 'DigitalOcean Block Storage', rox: false } },
  { match: (p) => p === 'linodebs.csi.linode.com', facts: { label: 'Linode Block Storage', rox: false } },
  { match: (p) => p === 'csi.hetzner.cloud', facts: { label: 'Hetzner Cloud Volumes', rox: false } },
  { match: (p) => p === 'diskplugin.csi.alibabacloud.com', facts: { label: 'Alibaba Cloud Disk', rox: false, hint: 'for shared access use NAS (nasplugin.csi.alibabacloud.com)' } },
  { match: (p) => p === 'vpc.block.csi.ibm.io', facts: { label: 'IBM Cloud Block Storage', rox: false } },
  { match: (p) => p === 'kubernetes.io/no-provisioner' || p === 'rancher.io/local-path' || p === 'topolvm.io' || p === 'local.csi.openebs.io', facts: { label: 'node-local storage', rox: false } },
];

/** Facts about a block-only provisioner, or undefined when it may support shared access. */
export function blockProvisioner(provisioner: string): ProvisionerFacts | undefined {
  return BLOCK_PROVISIONERS.find((b) => b.match(provisioner))?.facts;
}

/** The claim templates of a StatefulSet, with paths. */
export function claimTemplates(obj: K8sObject): { name?: string; template: Dict; path: Path }[] {
  if (obj.kind !== 'StatefulSet') return [];
  const out: { name?: string; template: Dict; path: Path }[] = [];
  asArray(obj.spec.volumeClaimTemplates).forEach((t, i) => {
    if (isDict(t)) out.push({ name: asString(asDict(t.metadata).name), template: t, path: ['spec', 'volumeClaimTemplates', i] });
  });
  return out;
}

/** Where to point at a claim (PVC object or volumeClaimTemplate): its name, else its mapping. */
export function claimNamePath(base: Path, named: boolean): Path {
  return named ? [...base, 'metadata', 'name'] : base;
}

/** An emptyDir volume; `emptyDir:` with no value (null) is one with defaults. */
export function isEmptyDir(volume: Dict): boolean {
  return 'emptyDir' in volume && (volume.emptyDir === null || isDict(volume.emptyDir));
}
