import { asDict, asString, type K8sObject } from '../../engine/object';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { defineRule } from '../types';
import { claimTemplates, claimVolumes, storageClassOf } from './volumes';

/** Does StatefulSet `sts` keep its data in claim `claim` (a claim it mounts, or one its templates create)? */
function stsUsesClaim(sts: K8sObject, claim: string): boolean {
  if (claimVolumes(sts).some((v) => v.claimName === claim)) return true;
  return claimTemplates(sts).some((t) => t.name && claim.startsWith(`${t.name}-${sts.name}-`) && /^\d+$/.test(claim.slice(`${t.name}-${sts.name}-`.length)));
}

/** StatefulSets whose data is provisioned from StorageClass `sc`. */
function statefulSetsOnClass(index: WorkspaceIndex, sc: K8sObject): K8sObject[] {
  const out: K8sObject[] = [];
  for (const sts of index.ofKind('StatefulSet')) {
    if (sts.group !== 'apps') continue;
    const viaTemplate = claimTemplates(sts).some((t) => storageClassOf(index, asDict(t.template.spec), t.template.metadata).sc === sc);
    const viaClaim = claimVolumes(sts).some((v) => {
      const pvc = index.find('PersistentVolumeClaim', sts.effectiveNamespace, v.claimName);
      return pvc && typeof pvc.spec.volumeName !== 'string' && storageClassOf(index, pvc.spec, pvc.metadata).sc === sc;
    });
    if (viaTemplate || viaClaim) out.push(sts);
  }
  return out;
}

/** StatefulSets whose data lives on PersistentVolume `pv` (through its claimRef or a claim bound to it by name). */
function statefulSetsOnVolume(index: WorkspaceIndex, pv: K8sObject): K8sObject[] {
  const claims: { ns: string; name: string }[] = [];
  const ref = asDict(pv.spec.claimRef);
  if (typeof ref.name === 'string') claims.push({ ns: asString(ref.namespace) || 'default', name: ref.name });
  for (const pvc of index.ofKind('PersistentVolumeClaim')) if (pvc.spec.volumeName === pv.name) claims.push({ ns: pvc.effectiveNamespace, name: pvc.name });
  const out = new Set<K8sObject>();
  for (const c of claims) for (const sts of index.ofKind('StatefulSet', c.ns)) if (sts.group === 'apps' && stsUsesClaim(sts, c.name)) out.add(sts);
  return [...out];
}

function names(list: K8sObject[]): string {
  const shown = list.slice(0, 3).map((s) => `${s.display}${s.namespace ? ` (${s.namespace})` : ''}`);
  return shown.join(', ') + (list.length > 3 ? ` and ${list.length - 3} more` : '');
}

export default defineRule({
  id: 'reclaim-policy-delete',
  category: 'storage',
  severity: 'info',
  description: 'A StorageClass or PersistentVolume with reclaimPolicy Delete holds a StatefulSet\'s data.',
  rationale:
    'With reclaimPolicy Delete (the default for StorageClasses) the disk is destroyed as soon as its claim is deleted: a cleanup script, a namespace deletion or a StatefulSet with persistentVolumeClaimRetentionPolicy whenDeleted: Delete takes the database with it, with no way back. Retain keeps the disk so it can be re-bound. Reported on the class or volume that decides it, naming the StatefulSets in the workspace that use it.',
  appliesTo: ['StorageClass', 'PersistentVolume'],
  crossResource: true,
  peers: [],
  check({ object, index, report }) {
    if (object.kind === 'StorageClass' && object.group === 'storage.k8s.io') {
      const policy = object.value.reclaimPolicy;
      if (policy !== undefined && policy !== null && policy !== 'Delete') return;
      const users = statefulSetsOnClass(index, object);
      if (!users.length) return;
      report({
        path: policy === 'Delete' ? ['reclaimPolicy'] : object.name ? ['metadata', 'name'] : ['kind'],
        target: policy === 'Delete' ? 'pair' : 'value',
        message: `${object.display} deletes volumes when their claim is deleted (reclaimPolicy Delete${policy === 'Delete' ? '' : ', the default'}) and holds the data of ${names(users)}: set reclaimPolicy: Retain for stateful data.`,
      });
      return;
    }
    if (object.kind === 'PersistentVolume' && object.group === '') {
      if (object.spec.persistentVolumeReclaimPolicy !== 'Delete') return;
      const users = statefulSetsOnVolume(index, object);
      if (!users.length) return;
      report({
        path: ['spec', 'persistentVolumeReclaimPolicy'],
        target: 'pair',
        message: `${object.display} is deleted with its claim (persistentVolumeReclaimPolicy Delete) and holds the data of ${names(users)}: set Retain for stateful data.`,
      });
    }
  },
});
