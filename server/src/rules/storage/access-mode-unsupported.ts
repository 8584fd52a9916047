import { asArray, asDict, asString, type Dict } from '../../engine/object';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import type { Path } from '../../engine/types';
import { isWorkload } from '../../engine/workload';
import { defineRule, type Report } from '../types';
import { blockProvisioner, claimTemplates, storageClassOf } from './volumes';

function judge(index: WorkspaceIndex, spec: Dict, metadata: Dict, base: Path, what: string, report: (r: Report) => void) {
  // Raw block volumes can be multi-attached by several of these drivers (EBS io2, Azure shared disks, RBD).
  if (spec.volumeMode === 'Block') return;
  const { sc, viaDefault } = storageClassOf(index, spec, metadata);
  if (!sc) return;
  const provisioner = asString(sc.value.provisioner);
  if (!provisioner) return;
  const facts = blockProvisioner(provisioner);
  if (!facts) return;
  asArray(spec.accessModes).forEach((mode, i) => {
    if (mode !== 'ReadWriteMany' && !(mode === 'ReadOnlyMany' && !facts.rox)) return;
    report({
      path: [...base, 'spec', 'accessModes', i],
      target: 'value',
      message: `${what} asks for ${mode} from StorageClass '${sc.name}'${viaDefault ? ' (the default class)' : ''}, whose provisioner ${provisioner} is ${facts.label} and attaches to one node at a time: the claim never binds or pods on other nodes cannot mount it${facts.hint ? `; ${facts.hint}` : ''}.`,
    });
  });
}

export default defineRule({
  id: 'access-mode-unsupported',
  category: 'storage',
  severity: 'warning',
  description: 'ReadWriteMany/ReadOnlyMany on a claim whose StorageClass (in the workspace) has a block-only provisioner.',
  rationale:
    'Block storage (Ceph RBD, AWS EBS, GCE PD, Azure Disk, Cinder and the like) attaches a filesystem volume to one node at a time. A ReadWriteMany claim on such a class either never binds (the CSI driver refuses the capability) or binds and then fails to mount on a second node. With Rook/Ceph, RBD classes are ReadWriteOnce while CephFS (cephfs.csi.ceph.com) supports ReadWriteMany. Raw block claims (volumeMode: Block) are not judged since some drivers multi-attach them; GCE PD is accepted for ReadOnlyMany. The StorageClass (named, or the one annotated as default) must be in the workspace.',
  appliesTo: ['PersistentVolumeClaim', 'StatefulSet'],
  crossResource: true,
  peers: [],
  check({ object, index, report }) {
    if (object.kind === 'PersistentVolumeClaim' && object.group === '') {
      judge(index, object.spec, object.metadata, [], object.display, report);
      return;
    }
    if (object.kind !== 'StatefulSet' || !isWorkload(object)) return;
    for (const t of claimTemplates(object)) {
      judge(index, asDict(t.template.spec), asDict(t.template.metadata), t.path, `${t.name ? `volumeClaimTemplate '${t.name}'` : 'A volumeClaimTemplate'} of ${object.display}`, report);
    }
  },
});
