import { asArray, asString, isDict } from '../../engine/object';
import { defineRule } from '../types';

/** Weights: numbers from v1alpha2, quantity strings ("500m") in v1alpha1. */
function weightIsZero(w: unknown): boolean {
  if (typeof w === 'number') return w === 0;
  if (typeof w === 'string') return /^0+(\.0*)?[m]?$/.test(w.trim());
  return false;
}

export default defineRule({
  id: 'smi-traffic-split',
  category: 'mesh',
  severity: 'error',
  description: 'An SMI TrafficSplit names a root service or backend that is no Service in the workspace, or gives every backend weight 0.',
  rationale:
    'A TrafficSplit only shifts traffic between existing Services: a misspelt root service splits nothing, a missing backend receives its share of requests and fails them, and all-zero weights leave the split with nowhere to send traffic.',
  appliesTo: ['TrafficSplit'],
  crossResource: true,
  runsOnPatches: false,
  check({ object, index, report }) {
    if (object.kind !== 'TrafficSplit' || object.group !== 'split.smi-spec.io') return;
    const ns = object.effectiveNamespace;
    const spec = object.spec;
    // "Not found" only when the workspace holds Services in this namespace (they may live in another repo).
    const checkNames = index.has('Service', ns);
    const missing = (name: string) => checkNames && !index.find('Service', ns, name);
    const root = asString(spec.service);
    if (root && missing(root)) {
      report({ path: ['spec', 'service'], target: 'value', message: `${object.display} splits traffic for Service '${root}', which is not in namespace '${ns}' of the workspace: the split applies to nothing.` });
    }
    const backends = asArray(spec.backends);
    backends.forEach((b, i) => {
      if (!isDict(b)) return;
      const name = asString(b.service);
      if (name && missing(name)) {
        report({ path: ['spec', 'backends', i, 'service'], target: 'value', message: `Backend '${name}' of ${object.display} is no Service in namespace '${ns}' of the workspace: its share of the traffic fails.` });
      }
    });
    const weights = backends.filter(isDict).map((b) => b.weight);
    if (weights.length && weights.every((w) => w !== undefined && weightIsZero(w))) {
      report({ path: ['spec', 'backends'], message: `Every backend of ${object.display} has weight 0: the split has nowhere to send traffic.` });
    }
  },
});
