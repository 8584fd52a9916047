import { asDict, isDict } from '../../engine/object';
import type { FixOp } from '../../engine/types';
import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { accessModes, claimVolumes, findClaim, isSingleWriter } from './volumes';

export default defineRule({
  id: 'rwo-rolling-update',
  category: 'storage',
  severity: 'warning',
  description: 'A Deployment mounting a ReadWriteOnce PVC uses the RollingUpdate strategy (the default).',
  rationale:
    'A rolling update starts the new pod before the old one stops. With a ReadWriteOnce claim the new pod can only attach the volume if it lands on the same node, and with ReadWriteOncePod never: the rollout hangs with the new pod in ContainerCreating until someone deletes the old one. The Recreate strategy stops the old pod first. The claim must be in the workspace for its access modes to be known.',
  fix: 'Sets spec.strategy.type: Recreate and removes spec.strategy.rollingUpdate (the API rejects rollingUpdate with Recreate).',
  appliesTo: ['Deployment'],
  crossResource: true,
  peers: [],
  check({ object, index, report }) {
    if (object.kind !== 'Deployment' || !isWorkload(object)) return;
    const strategy = asDict(object.spec.strategy);
    const type = strategy.type ?? 'RollingUpdate';
    if (type !== 'RollingUpdate') return;
    const rwo = claimVolumes(object).find((v) => {
      const pvc = findClaim(index, object, v.claimName);
      return pvc && isSingleWriter(accessModes(pvc.spec));
    });
    if (!rwo) return;
    const ops: FixOp[] = [{ op: 'set', path: ['spec', 'strategy', 'type'], value: 'Recreate' }];
    if (strategy.rollingUpdate !== undefined) ops.push({ op: 'remove', path: ['spec', 'strategy', 'rollingUpdate'] });
    const explicit = strategy.type !== undefined;
    report({
      path: explicit ? ['spec', 'strategy', 'type'] : isDict(object.spec.strategy) ? ['spec', 'strategy'] : rwo.claimPath,
      target: explicit ? 'pair' : 'key',
      message: `${object.display} mounts ReadWriteOnce PVC '${rwo.claimName}' and updates with ${explicit ? '' : 'the default '}RollingUpdate strategy: the new pod cannot attach the volume while the old one holds it, so rollouts hang. Use strategy type Recreate.`,
      fix: { title: `Set spec.strategy.type: Recreate${strategy.rollingUpdate !== undefined ? ' and remove spec.strategy.rollingUpdate' : ''} on ${object.display}`, ops, preferred: true },
    });
  },
});
