import { closestKey, meshKeyForms, meshOfKey, REMOVED_KEYS, strictPrefixOf, type KeyKind } from '../../mesh/catalog';
import { metadataPlaces } from '../../mesh/injection';
import { defineRule } from '../types';

const MAP: Record<KeyKind, 'labels' | 'annotations'> = { label: 'labels', annotation: 'annotations' };

export default defineRule({
  id: 'mesh-annotation-unknown',
  category: 'mesh',
  severity: 'warning',
  description: 'A label or annotation under an Istio or Linkerd prefix is not a key the mesh knows (usually a typo).',
  rationale:
    'Meshes ignore keys they do not know without a word: a misspelt sidecar.istio.io/proxyCpu or config.linkerd.io/skip-inbound-port leaves the proxy with its defaults while the manifest claims otherwise. Keys removed from the mesh (sidecar.istio.io/enableCoreDump) fail the same way.',
  fix: 'Renames the key to the closest known one (same name in another case, the same name under the right prefix, or at most two or three edits away).',
  appliesTo: 'all',
  runsOnPatches: true,
  peers: ['istioctl analyze IST0108 UnknownAnnotation'],
  check({ object, report }) {
    for (const place of metadataPlaces(object)) {
      for (const mapKind of ['annotation', 'label'] as KeyKind[]) {
        const map = place[MAP[mapKind]];
        for (const name of Object.keys(map)) {
          const mesh = meshOfKey(name);
          if (!mesh || meshKeyForms(name).length) continue;
          const path = [...place.path, MAP[mapKind], name];
          const meshName = mesh === 'istio' ? 'Istio' : 'Linkerd';
          const removed = REMOVED_KEYS.find((r) => r.name === name);
          if (removed) {
            report({
              path,
              message: `${meshName} removed the ${mapKind} '${name}' in ${removed.removedIn}; it no longer has any effect on ${object.display} (${removed.hint}).`,
              fix: { title: `Remove '${name}'`, ops: [{ op: 'remove', path, pruneEmpty: true }], preferred: false },
            });
            continue;
          }
          const near = closestKey(name, mapKind);
          // Under configuration prefixes every key is read by the mesh; elsewhere (e.g. istio.io/*) the
          // meshes also keep bookkeeping keys of their own, so only a near miss is reported.
          if (!near && !strictPrefixOf(name)) continue;
          // Free key to rename to? (Another spelling may already hold it.)
          const taken = near && map[near.name] !== undefined;
          report({
            path,
            message: near
              ? `${meshName} does not know the ${mapKind} '${name}' on ${object.display}, so it is ignored; did you mean '${near.name}'?`
              : `${meshName} does not know the ${mapKind} '${name}' on ${object.display}, so it is ignored.`,
            fix: near && !taken ? { title: `Rename to '${near.name}'`, ops: [{ op: 'rename', path, to: near.name }], preferred: true } : undefined,
          });
        }
      }
    }
  },
});
