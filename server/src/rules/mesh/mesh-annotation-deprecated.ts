import type { Fix } from '../../engine/types';
import { isWorkload } from '../../engine/workload';
import { isPodScoped, meshKey, type KeyKind } from '../../mesh/catalog';
import { metadataPlaces } from '../../mesh/injection';
import { defineRule } from '../types';

const MAP: Record<KeyKind, 'labels' | 'annotations'> = { label: 'labels', annotation: 'annotations' };

export default defineRule({
  id: 'mesh-annotation-deprecated',
  category: 'mesh',
  severity: 'warning',
  description: 'A deprecated mesh label or annotation is used.',
  rationale:
    'Deprecated mesh keys keep working only until a release removes them, and some already work only partly: the sidecar.istio.io/inject annotation cannot opt a pod in, because the injection webhook selects on the label of the same name.',
  fix: 'Replaces the key with its successor (renames it, or moves the Istio inject annotation to labels); removes it when the successor is already set.',
  appliesTo: 'all',
  runsOnPatches: true,
  peers: ['istioctl analyze IST0135 DeprecatedAnnotation'],
  check({ object, report }) {
    for (const place of metadataPlaces(object)) {
      for (const mapKind of ['annotation', 'label'] as KeyKind[]) {
        const map = place[MAP[mapKind]];
        for (const [name, value] of Object.entries(map)) {
          const key = meshKey(name, mapKind);
          if (!key?.deprecated || key.setBy !== 'user') continue;
          // On a workload's own metadata a pod key is misplaced first; mesh-annotation-misplaced moves it to its current form.
          if (place.role === 'object' && isWorkload(object) && object.kind !== 'Pod' && isPodScoped(key)) continue;
          const path = [...place.path, MAP[mapKind], name];
          const rep = key.replacement;
          const meshName = key.mesh === 'istio' ? 'Istio' : 'Linkerd';
          if (!rep) {
            report({ path, message: `${meshName} deprecated the ${mapKind} '${name}' (on ${object.display}): ${key.doc}` });
            continue;
          }
          const repMap = MAP[rep.kind];
          const existing = place[repMap][rep.name];
          const sameName = rep.name === name;
          // istioctl stays quiet when the label is there too: the label wins.
          if (sameName && existing !== undefined) continue;
          const toPath = [...place.path, repMap, rep.name];
          const beta = name.startsWith('config.beta.linkerd.io/') || name.startsWith('config.alpha.linkerd.io/');
          const versionNote = beta ? ' (Linkerd 2.20+ reads the new spelling; keep this one for clusters still on 2.19)' : '';
          let fix: Fix;
          if (existing !== undefined) {
            fix = { title: `Remove deprecated '${name}' ('${rep.name}' is already set)`, ops: [{ op: 'remove', path, pruneEmpty: true }], preferred: !beta, safe: !beta };
          } else if (rep.kind !== mapKind) {
            fix = { title: `Move '${name}' to ${repMap}`, ops: [{ op: 'move', from: path, to: toPath }], preferred: true };
          } else {
            fix = { title: `Rename to '${rep.name}'`, ops: [{ op: 'rename', path, to: rep.name }], preferred: !beta, safe: !beta };
          }
          const successor = sameName ? `the ${rep.kind} of the same name` : `'${rep.name}'`;
          const extra = sameName && rep.kind === 'label' && name === 'sidecar.istio.io/inject'
            ? value === 'true' ? ': as an annotation it cannot opt the pod in, because the injection webhook only matches labels' : ''
            : '';
          report({ path, message: `The ${mapKind} '${name}' on ${object.display} is deprecated in favour of ${successor}${extra}${versionNote}.`, fix });
        }
      }
    }
  },
});
