import { closest } from '../../engine/config';
import { asString } from '../../engine/object';
import { podTemplate } from '../../engine/workload';
import { defineRule } from '../types';

export default defineRule({
  id: 'runtime-class-unknown',
  category: 'resources',
  severity: 'warning',
  description: 'runtimeClassName names no RuntimeClass in the workspace (only when the workspace defines RuntimeClasses).',
  rationale:
    'A pod whose RuntimeClass does not exist is rejected at admission ("RuntimeClass not found"), so the workload never starts; a typo in gvisor or kata-qemu is enough. RuntimeClasses are cluster-scoped and often installed separately, so the rule only speaks when the workspace defines at least one.',
  appliesTo: 'workload',
  crossResource: true,
  peers: [],
  check({ object, index, report }) {
    const pod = podTemplate(object);
    if (!pod) return;
    const name = asString(pod.spec.runtimeClassName);
    if (!name || !index.has('RuntimeClass')) return;
    const classes = index.ofKind('RuntimeClass').filter((r) => r.group === 'node.k8s.io');
    if (!classes.length || classes.some((r) => r.name === name)) return;
    const hint = closest(name, classes.map((r) => r.name));
    report({
      path: [...pod.specPath, 'runtimeClassName'],
      target: 'value',
      message: `${object.display} uses RuntimeClass '${name}', which the workspace does not define${hint ? ` (did you mean '${hint}'?)` : ` (defined: ${classes.map((r) => r.name).join(', ')})`}: admission rejects the pod.`,
    });
  },
});
