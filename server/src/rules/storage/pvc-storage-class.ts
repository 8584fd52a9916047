import { asDict, type Dict } from '../../engine/object';
import type { Path } from '../../engine/types';
import { isWorkload } from '../../engine/workload';
import { defineRule, type Report } from '../types';
import { claimNamePath, claimTemplates } from './volumes';

function judge(spec: Dict, metadata: Dict, at: Path, what: string, report: (r: Report) => void) {
  if ('storageClassName' in spec) return; // "" disables dynamic provisioning on purpose; null is the API's "unset" but written deliberately
  if (asDict(metadata.annotations)['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
  const staticBinding = typeof spec.volumeName === 'string';
  report({
    path: at,
    target: 'value',
    message: staticBinding
      ? `${what} binds to PersistentVolume '${spec.volumeName}' without storageClassName: the cluster's default class is filled in and must then match the volume's; set storageClassName (or "" for a class-less volume).`
      : `${what} has no storageClassName, so it gets whatever the cluster's default StorageClass is (performance, replication and reclaim policy differ between clusters).`,
  });
}

export default defineRule({
  id: 'pvc-storage-class',
  category: 'storage',
  severity: 'info',
  description: 'A PVC or volumeClaimTemplate has no storageClassName and falls to the cluster default.',
  rationale:
    'Without storageClassName a claim takes the cluster\'s default StorageClass, which differs between clusters and can change: the same manifest gets replicated SSDs in one place and a node-local disk with reclaimPolicy Delete in another. Naming the class makes the storage a reviewed decision. An explicit storageClassName: "" (static binding) is intentional and not reported; StatefulSets without templates are not judged.',
  appliesTo: ['PersistentVolumeClaim', 'StatefulSet'],
  peers: ['Kyverno require-storageclass (policy)'],
  check({ object, report }) {
    if (object.kind === 'PersistentVolumeClaim' && object.group === '') {
      judge(object.spec, object.metadata, object.name ? ['metadata', 'name'] : ['kind'], object.display, report);
      return;
    }
    if (object.kind !== 'StatefulSet' || !isWorkload(object)) return;
    for (const t of claimTemplates(object)) {
      judge(asDict(t.template.spec), asDict(t.template.metadata), claimNamePath(t.path, !!t.name), `${t.name ? `volumeClaimTemplate '${t.name}'` : 'A volumeClaimTemplate'} of ${object.display}`, report);
    }
  },
});
