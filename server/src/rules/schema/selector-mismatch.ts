import { asArray, asDict, asString, get, isDict, stringMap } from '../../engine/object';
import { defineRule } from '../types';

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

export default defineRule({
  id: 'selector-mismatch',
  category: 'schema',
  severity: 'error',
  description: 'A Deployment, StatefulSet, DaemonSet or ReplicaSet selector does not match the labels of its pod template.',
  rationale:
    'The controller owns the pods its selector matches. When the template\'s labels do not satisfy the selector the API server rejects the object ("selector does not match template labels"); the mistake usually comes from renaming a label in one place only.',
  appliesTo: KINDS,
  check({ object, report }) {
    if (!KINDS.includes(object.kind) || object.group !== 'apps') return;
    const selector = object.spec.selector;
    if (!isDict(selector)) return;
    const labels = stringMap(get(object.spec, ['template', 'metadata', 'labels']));
    const shown = Object.keys(labels).length ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') : 'no labels';
    const base = ['spec', 'selector'];
    const matchLabels = asDict(selector.matchLabels);
    const expressions = asArray(selector.matchExpressions);
    if (!Object.keys(matchLabels).length && !expressions.length) {
      report({ path: base, message: `${object.display} has an empty selector: the API server rejects it; select the pod template's labels (${shown}).` });
      return;
    }
    for (const [k, v] of Object.entries(matchLabels)) {
      const want = v === null || v === undefined ? '' : String(v);
      if (labels[k] === want) continue;
      const has = k in labels ? `is labelled ${k}=${labels[k]}` : `has no ${k} label`;
      report({
        path: [...base, 'matchLabels', k],
        target: 'pair',
        message: `${object.display} selects ${k}=${want} but its pod template ${has}: the API server rejects a selector that does not match the template labels.`,
      });
    }
    expressions.forEach((e, i) => {
      if (!isDict(e)) return;
      const key = asString(e.key);
      const op = asString(e.operator);
      if (!key || !op) return;
      const values = asArray(e.values).map(String);
      const present = key in labels;
      let ok: boolean;
      switch (op) {
        case 'In': ok = present && values.includes(labels[key]); break;
        case 'NotIn': ok = !present || !values.includes(labels[key]); break;
        case 'Exists': ok = present; break;
        case 'DoesNotExist': ok = !present; break;
        default: return; // schema-invalid reports unknown operators
      }
      if (ok) return;
      const cond = op === 'In' || op === 'NotIn' ? `${key} ${op} (${values.join(', ')})` : `${key} ${op}`;
      const has = present ? `is labelled ${key}=${labels[key]}` : `has no ${key} label`;
      report({
        path: [...base, 'matchExpressions', i, 'key'],
        target: 'pair',
        message: `${object.display} selects pods where ${cond} but its pod template ${has}: the API server rejects a selector that does not match the template labels.`,
      });
    });
  },
});
