import { asDict, asString } from '../../engine/object';
import { allContainers, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { scPath, securityContext } from './pss';

const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export default defineRule({
  id: 'apparmor-unconfined',
  category: 'privileges',
  severity: 'error',
  description: 'AppArmor is turned off (Unconfined) for the pod or a container, by the appArmorProfile field or the legacy annotation.',
  rationale:
    'On nodes with AppArmor the runtime\'s default profile blocks writes to /proc and /sys, mounting and other paths to the kernel a container never needs. Unconfined removes that layer, so a container escape needs one bug fewer. Pod Security baseline allows only RuntimeDefault or Localhost profiles (annotation values runtime/default or localhost/<profile>).',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['kubesec ApparmorUnconfined', 'Polaris linuxHardening', 'PSS baseline appArmorProfile'],
  check({ object, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    if (asString(asDict(asDict(pod.spec.securityContext).appArmorProfile).type) === 'Unconfined') {
      report({
        path: [...pod.specPath, 'securityContext', 'appArmorProfile', 'type'],
        target: 'pair',
        message: `${object.display} runs every container without AppArmor (appArmorProfile Unconfined), which Pod Security baseline forbids.`,
      });
    }
    for (const c of allContainers(object)) {
      if (asString(asDict(securityContext(c).appArmorProfile).type) === 'Unconfined') {
        report({
          path: scPath(c, 'appArmorProfile', 'type'),
          target: 'pair',
          message: `Container '${c.name}' of ${object.display} runs without AppArmor (appArmorProfile Unconfined), which Pod Security baseline forbids.`,
        });
      }
    }
    for (const [key, value] of Object.entries(asDict(pod.metadata.annotations))) {
      if (!key.startsWith(ANNOTATION) || typeof value !== 'string') continue;
      if (value === '' || value === 'runtime/default' || value.startsWith('localhost/')) continue;
      const name = key.slice(ANNOTATION.length);
      report({
        path: [...pod.metadataPath, 'annotations', key],
        target: 'pair',
        message:
          value === 'unconfined'
            ? `Container '${name}' of ${object.display} runs without AppArmor (legacy annotation 'unconfined'), which Pod Security baseline forbids.`
            : `Container '${name}' of ${object.display} has AppArmor annotation value '${value}': Pod Security baseline accepts only runtime/default or localhost/<profile>.`,
      });
    }
  },
});
