import { asArray, asString, isDict } from '../../engine/object';
import { podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { RESTRICTED_VOLUME_TYPES } from './pss';

export default defineRule({
  id: 'volume-type-restricted',
  category: 'privileges',
  severity: 'warning',
  description: 'A volume of a type outside the Pod Security restricted set (configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret).',
  rationale:
    'In-tree volume types such as hostPath, nfs, iscsi, rbd or gitRepo are mounted by the node on the pod\'s behalf, with the node\'s credentials and kernel drivers; several have a history of node escapes (gitRepo runs git on the host). Pod Security restricted allows only the types that are safe for any user, and PersistentVolumeClaims for everything else, so storage is set up by an administrator.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['PSS restricted restrictedVolumes'],
  check({ object, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    asArray(pod.spec.volumes).forEach((v, i) => {
      if (!isDict(v)) return;
      const name = asString(v.name) ?? `#${i}`;
      for (const [type, value] of Object.entries(v)) {
        if (type === 'name' || RESTRICTED_VOLUME_TYPES.has(type) || value === undefined || value === null) continue;
        report({
          path: [...pod.specPath, 'volumes', i, type],
          message: `Volume '${name}' of ${object.display} is of type ${type}, which Pod Security restricted forbids: use a PersistentVolumeClaim, or a configMap, secret, emptyDir or projected volume.`,
        });
      }
    });
  },
});
