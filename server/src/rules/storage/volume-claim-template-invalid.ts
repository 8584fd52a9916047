import { asDict } from '../../engine/object';
import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { accessModes, claimNamePath, claimTemplates } from './volumes';

export default defineRule({
  id: 'volume-claim-template-invalid',
  category: 'storage',
  severity: 'error',
  description: 'A StatefulSet volumeClaimTemplate has no accessModes or no storage request.',
  rationale:
    'The API server does not validate volumeClaimTemplates when the StatefulSet is created: it accepts a template without accessModes or without resources.requests.storage, and the controller then fails to create the claim for the first pod. The StatefulSet stays at zero ready replicas with the reason only in its events. Templates are judged only when present: a StatefulSet without any is fine here.',
  fix: 'Adds accessModes: [ReadWriteOnce] to a template that has none (a storage size cannot be guessed).',
  appliesTo: ['StatefulSet'],
  runsOnPatches: false,
  peers: ['kubesec VolumeClaimRequestsStorage', 'kubesec VolumeClaimAccessModeReadWriteOnce'],
  check({ object, report }) {
    if (object.kind !== 'StatefulSet' || !isWorkload(object)) return;
    for (const t of claimTemplates(object)) {
      const spec = asDict(t.template.spec);
      const label = t.name ? `volumeClaimTemplate '${t.name}'` : 'a volumeClaimTemplate';
      const at = claimNamePath(t.path, !!t.name);
      if (accessModes(spec).length === 0 && (spec.accessModes === undefined || spec.accessModes === null || Array.isArray(spec.accessModes))) {
        report({
          path: at,
          target: 'value',
          message: `${label} of ${object.display} has no accessModes: the controller cannot create its claim and the pods never start.`,
          fix: {
            title: `Add accessModes: [ReadWriteOnce] to ${label}`,
            ops: [{ op: 'set', path: [...t.path, 'spec', 'accessModes'], value: ['ReadWriteOnce'] }],
            preferred: true,
          },
        });
      }
      const storage = asDict(asDict(spec.resources).requests).storage;
      if (storage === undefined || storage === null || storage === '') {
        report({
          path: at,
          target: 'value',
          message: `${label} of ${object.display} has no resources.requests.storage: the claim cannot be provisioned and the pods never start.`,
        });
      }
    }
  },
});
