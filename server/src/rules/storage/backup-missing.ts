import { asArray, asDict, stringMap } from '../../engine/object';
import { isWorkload, podTemplate } from '../../engine/workload';
import { defineRule } from '../types';
import { claimVolumes } from './volumes';

export const DEFAULT_BACKUP_KEYS = ['backup.velero.io/backup-volumes', 'backup.velero.io/backup-volumes-excludes'];

/** The configured keys: a string or a list; an entry "key=value" also requires the value. */
function keysOption(v: unknown): string[] {
  if (typeof v === 'string' && v) return [v];
  const list = asArray(v).filter((k): k is string => typeof k === 'string' && k.length > 0);
  return list.length ? list : DEFAULT_BACKUP_KEYS;
}

function satisfied(entry: string, maps: Record<string, string>[]): boolean {
  const eq = entry.indexOf('=');
  const key = eq === -1 ? entry : entry.slice(0, eq);
  const value = eq === -1 ? undefined : entry.slice(eq + 1);
  return maps.some((m) => Object.prototype.hasOwnProperty.call(m, key) && (value === undefined || m[key] === value));
}

export default defineRule({
  id: 'backup-missing',
  category: 'storage',
  severity: 'info',
  defaultOff: true,
  description: 'A stateful workload (StatefulSet, or one mounting a PVC) lacks the backup label/annotation the organisation requires.',
  rationale:
    'Backup tools select what to back up by label or annotation: Velero\'s file-system backup backs up the pod volumes listed in backup.velero.io/backup-volumes, Kasten and others use policy labels. A stateful workload without the marker is silently left out of backups, which is discovered at restore time. Off by default because the marker is organisation-specific: enable it and set the accepted keys.',
  options: [
    {
      name: 'keys',
      description: 'Label or annotation keys that mark a workload as backed up; any one is enough. "key=value" also requires the value. Looked up on the object\'s metadata and its pod template\'s metadata.',
      default: DEFAULT_BACKUP_KEYS,
    },
  ],
  appliesTo: 'long-running',
  peers: ['kube-linter statefulset-volumeclaimtemplate-annotation (template)'],
  check({ object, options, report }) {
    if (!isWorkload(object)) return;
    const stateful = (object.kind === 'StatefulSet' && asArray(object.spec.volumeClaimTemplates).length > 0) || claimVolumes(object).length > 0;
    if (!stateful) return;
    const keys = keysOption(options.keys);
    const pod = podTemplate(object);
    const maps = [object.labels, object.annotations, stringMap(pod?.metadata.labels), stringMap(asDict(pod?.metadata).annotations)];
    if (keys.some((k) => satisfied(k, maps))) return;
    report({
      path: object.name ? ['metadata', 'name'] : ['kind'],
      target: 'value',
      message: `${object.display} keeps persistent data but has none of the backup markers (${keys.join(', ')}) on it or its pod template: backup tools will skip it.`,
    });
  },
});
