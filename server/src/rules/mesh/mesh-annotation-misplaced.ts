import type { Fix } from '../../engine/types';
import { isWorkload } from '../../engine/workload';
import { appliesToKind, isPodScoped, meshKey, type KeyKind, type MeshKey } from '../../mesh/catalog';
import { metadataPlaces, shown } from '../../mesh/injection';
import { defineRule } from '../types';

const MAP: Record<KeyKind, 'labels' | 'annotations'> = { label: 'labels', annotation: 'annotations' };
const OTHER: Record<KeyKind, KeyKind> = { label: 'annotation', annotation: 'label' };

export default defineRule({
  id: 'mesh-annotation-misplaced',
  category: 'mesh',
  severity: 'warning',
  description: "A pod-level mesh label or annotation sits on the workload's own metadata (or in the wrong map) where the mesh never reads it.",
  rationale:
    "Sidecar injectors only see the Pod: keys such as sidecar.istio.io/*, proxy.istio.io/config or linkerd.io/inject on a Deployment's own metadata are silently ignored, so the pod is not meshed or not configured the way the manifest says. The same happens when a key is written as a label but the mesh reads annotations (linkerd.io/inject on a Namespace) or the other way round (istio-injection).",
  fix: 'Moves the key to the pod template (spec.template.metadata; CronJob: spec.jobTemplate.spec.template.metadata), or to the right map (labels/annotations), removing mappings left empty.',
  appliesTo: 'all',
  runsOnPatches: true,
  peers: ['istioctl analyze IST0107 MisplacedAnnotation', 'linkerd check (l5d labels as annotations)'],
  check({ object, report }) {
    const places = metadataPlaces(object);
    const podPlace = places.find((p) => p.role === 'podTemplate');
    for (const place of places) {
      const kindHere = place.role === 'podTemplate' ? 'Pod' : object.kind;
      for (const mapKind of ['annotation', 'label'] as KeyKind[]) {
        const map = place[MAP[mapKind]];
        for (const [name, value] of Object.entries(map)) {
          const same = meshKey(name, mapKind);
          const other = meshKey(name, OTHER[mapKind]);
          if (!same && !other) continue;
          if (same && appliesToKind(same, kindHere)) continue;
          const from = [...place.path, MAP[mapKind], name];
          const what = `${mapKind} '${name}'`;

          // Right place, wrong map: the mesh reads the other one here.
          if (other && other.setBy === 'user' && appliesToKind(other, kindHere)) {
            const dest = place[MAP[other.kind]];
            const to = [...place.path, MAP[other.kind], name];
            const fix: Fix | undefined = dest[name] === undefined
              ? { title: `Move '${name}' to ${MAP[other.kind]}`, ops: [{ op: 'move', from, to }], preferred: true }
              : undefined;
            report({
              path: from,
              message: `'${name}' on ${object.display} is written as a ${mapKind}, but ${meshName(other)} reads it as ${article(other.kind)} ${other.kind}: this one has no effect.`,
              fix,
            });
            continue;
          }

          // A pod-level key on a workload's own metadata.
          if (place.role !== 'object' || !podPlace || !isWorkload(object)) continue;
          const target = podTarget(same, other);
          if (!target || target.setBy !== 'user') continue;
          const destMap = MAP[target.kind];
          const existing = podPlace[destMap][name];
          const to = [...podPlace.path, destMap, name];
          if (existing !== undefined && sameValue(existing, value)) continue; // copied to both (kustomize commonLabels): harmless
          const where = object.kind === 'CronJob' ? 'spec.jobTemplate.spec.template.metadata' : 'spec.template.metadata';
          if (existing !== undefined) {
            report({
              path: from,
              message: `${cap(what)} on ${object.display}'s own metadata is ignored by ${meshName(target)}; the pod template sets it to ${shown(existing)}, which is what applies.`,
              fix: { title: `Remove the ignored '${name}' from ${object.display}'s metadata`, ops: [{ op: 'remove', path: from, pruneEmpty: true }], preferred: false },
            });
            continue;
          }
          const asLabel = target.kind !== mapKind ? ` (as ${article(target.kind)} ${target.kind})` : '';
          report({
            path: from,
            message: `${cap(what)} on ${object.display}'s own metadata is ignored: ${meshName(target)} reads it only from the pod, so it belongs in ${where}.${destMap}${asLabel}.`,
            fix: { title: `Move '${name}' to the pod template's ${destMap}`, ops: [{ op: 'move', from, to }], preferred: true },
          });
        }
      }
    }
  },
});

/** Where a pod-scoped key goes in the pod template: its own form, or its successor form if deprecated. */
function podTarget(same: MeshKey | undefined, other: MeshKey | undefined): MeshKey | undefined {
  const forms = [same, other].filter((k): k is MeshKey => !!k && isPodScoped(k));
  if (!forms.length) return undefined;
  const current = forms.find((k) => !k.deprecated && k.setBy === 'user');
  if (same && isPodScoped(same) && same.deprecated && same.replacement && current && current.kind === same.replacement.kind) return current;
  return same && isPodScoped(same) ? same : forms[0];
}

function sameValue(a: unknown, b: unknown): boolean {
  return String(a) === String(b);
}
function meshName(k: MeshKey): string {
  return k.mesh === 'istio' ? 'Istio' : 'Linkerd';
}
function article(kind: KeyKind): string {
  return kind === 'annotation' ? 'an' : 'a';
}
function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
