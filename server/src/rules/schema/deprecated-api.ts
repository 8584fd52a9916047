import { versionAtLeast } from '../../engine/config';
import { isDict } from '../../engine/object';
import type { Fix } from '../../engine/types';
import { deprecationFor, type Deprecation } from '../../schema/deprecations';
import { defineRule } from '../types';

const NEEDS_SELECTOR = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export default defineRule({
  id: 'deprecated-api',
  category: 'schema',
  severity: 'warning',
  description: 'The object uses an API version that is deprecated, or no longer served by the target Kubernetes version.',
  rationale:
    'A removed apiVersion makes the apply fail after a cluster upgrade ("no matches for kind"), typically during an unrelated change and under time pressure. A deprecated one is a removal already scheduled. The target version comes from the kubernetesVersion setting (default 1.35); the finding is an error once the target no longer serves the API.',
  fix: 'Rewrites apiVersion to its replacement where the move is mechanical (same fields); where a default or behaviour changed the fix is offered but not applied by fix-all.',
  options: [],
  appliesTo: 'all',
  runsOnPatches: true,
  peers: ['pluto', 'kubent'],
  examples: {
    bad: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: job\n              image: busybox:1.36\n',
    good: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: job\n              image: busybox:1.36\n',
  },
  check({ object, kubernetesVersion, report }) {
    const dep = deprecationFor(object.group, object.version, object.kind);
    if (!dep || !versionAtLeast(kubernetesVersion, dep.deprecatedIn)) return;
    const removed = !!dep.removedIn && versionAtLeast(kubernetesVersion, dep.removedIn);
    const instead = dep.replacement ? `use ${dep.replacement}${dep.replacementKind ? ` ${dep.replacementKind}` : ''}` : 'there is no replacement';
    const note = dep.note ? ` (${dep.note})` : '';
    const message = removed
      ? `${object.display}: ${object.apiVersion} ${object.kind} is no longer served since Kubernetes ${dep.removedIn} (target ${kubernetesVersion}), so applying it fails: ${instead}${note}.`
      : `${object.display}: ${object.apiVersion} ${object.kind} is deprecated since Kubernetes ${dep.deprecatedIn}${dep.removedIn ? ` and removed in ${dep.removedIn}` : ''}: ${instead}${note}.`;
    report({ path: ['apiVersion'], target: 'value', severity: removed ? 'error' : 'warning', message, fix: fixFor(dep, object.spec) });
  },
});

function fixFor(dep: Deprecation, spec: Record<string, unknown>): Fix | undefined {
  if (!dep.replacement || !dep.fix || dep.replacementKind) return undefined;
  if (dep.replacement === 'apps/v1' && NEEDS_SELECTOR.has(dep.kind) && !isDict(spec.selector)) return undefined;
  return {
    title: `Change apiVersion to ${dep.replacement}`,
    ops: [{ op: 'set', path: ['apiVersion'], value: dep.replacement }],
    preferred: dep.fix === 'safe',
    safe: dep.fix === 'safe',
  };
}
