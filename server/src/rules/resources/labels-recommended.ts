import { asArray } from '../../engine/object';
import type { FixOp } from '../../engine/types';
import { isWorkload } from '../../engine/workload';
import { defineRule } from '../types';
import { isValidLabelValue } from './related';

export const DEFAULT_REQUIRED_LABELS = ['app.kubernetes.io/name'];
const DEFAULT_KINDS = ['Service', 'Ingress', 'PersistentVolumeClaim', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'];
/** Labels whose value the object's name is a sensible guess for. */
const NAME_VALUED = new Set(['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app']);

function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  const l = asArray(v).filter((x): x is string => typeof x === 'string');
  return Array.isArray(v) ? l : undefined;
}

export default defineRule({
  id: 'labels-recommended',
  category: 'resources',
  severity: 'info',
  description: 'An object lacks the recommended app.kubernetes.io/name label (the required set is configurable).',
  rationale:
    'The recommended labels (app.kubernetes.io/name, instance, version, component, part-of, managed-by) let dashboards, cost reports, kubectl selectors and policy engines group objects by application instead of guessing from names. The rule checks the object\'s own metadata.labels (not the pod template\'s) on workloads, Services, Ingresses, PVCs, HPAs and PDBs by default; both the label set and the kinds are options.',
  fix: 'Adds the missing labels whose value can be inferred (app.kubernetes.io/name and app.kubernetes.io/instance: the object\'s name) to metadata.labels.',
  options: [
    { name: 'requiredLabels', description: 'Label keys every judged object must carry.', default: DEFAULT_REQUIRED_LABELS },
    { name: 'kinds', description: 'Kinds judged besides the workloads.', default: DEFAULT_KINDS },
  ],
  appliesTo: 'all',
  peers: ['Monokle MTD-recommended-labels', 'kube-linter required-label-owner (template)'],
  check({ object, options, report }) {
    const kinds = stringList(options.kinds) ?? DEFAULT_KINDS;
    if (!isWorkload(object) && !kinds.includes(object.kind)) return;
    const required = stringList(options.requiredLabels) ?? DEFAULT_REQUIRED_LABELS;
    const labels = object.labels;
    const missing = required.filter((k) => !(k in labels));
    if (!missing.length) return;
    const name = object.name;
    const canFill = object.metadata.name !== undefined && isValidLabelValue(name) && name !== '';
    const fillable = canFill ? missing.filter((k) => NAME_VALUED.has(k)) : [];
    const ops: FixOp[] = fillable.map((k) => ({ op: 'set', path: ['metadata', 'labels', k], value: name }));
    const list = missing.map((k) => `'${k}'`).join(', ');
    report({
      path: ['metadata', 'labels', missing[0]],
      message: `${object.display} lacks the label${missing.length > 1 ? 's' : ''} ${list}: tools that group objects by application cannot find it.`,
      fix: ops.length
        ? { title: `Add label${fillable.length > 1 ? 's' : ''} ${fillable.map((k) => `${k}: ${name}`).join(', ')} to ${object.display}`, ops, preferred: true }
        : undefined,
    });
  },
});
