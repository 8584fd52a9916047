import { meshKey, meshOfKey, scalarText, validateRawValue, type KeyKind } from '../../mesh/catalog';
import { metadataPlaces } from '../../mesh/injection';
import { defineRule } from '../types';

const MAP: Record<KeyKind, 'labels' | 'annotations'> = { label: 'labels', annotation: 'annotations' };
const OTHER: Record<KeyKind, KeyKind> = { label: 'annotation', annotation: 'label' };

export default defineRule({
  id: 'mesh-annotation-value',
  category: 'mesh',
  severity: 'error',
  description: "A mesh label or annotation has a value the mesh cannot use (wrong type, unknown enum value, malformed list), or a value that is not a string.",
  rationale:
    'Injectors mostly drop values they cannot parse and fall back to defaults, so a typo such as linkerd.io/inject: "true" or a CIDR list with spaces quietly disables what the manifest asks for. Label and annotation values must be strings: an unquoted true or 8080 makes the API server reject the whole object.',
  fix: 'Replaces the value with its obvious valid spelling ("yes" -> "true", linkerd.io/inject true -> "enabled", a quoted number), when there is one.',
  appliesTo: 'all',
  runsOnPatches: true,
  peers: ['istioctl analyze IST0125 InvalidAnnotation', 'linkerd check'],
  check({ object, report }) {
    for (const place of metadataPlaces(object)) {
      for (const mapKind of ['annotation', 'label'] as KeyKind[]) {
        for (const [name, raw] of Object.entries(place[MAP[mapKind]])) {
          const key = meshKey(name, mapKind) ?? meshKey(name, OTHER[mapKind]);
          const path = [...place.path, MAP[mapKind], name];
          if (!key) {
            // Unknown key under a mesh domain: only the string rule applies.
            const text = scalarText(raw);
            if (meshOfKey(name) && typeof raw !== 'string' && text !== undefined) {
              report({
                path,
                target: 'value',
                message: `The ${mapKind} '${name}' on ${object.display} has ${typeof raw === 'boolean' ? 'a boolean' : 'a number'} value: label and annotation values must be strings, so the API server rejects the object.`,
                fix: { title: `Quote the value: "${text}"`, ops: [{ op: 'set', path, value: text }], preferred: true },
              });
            }
            continue;
          }
          const res = validateRawValue(key, raw);
          if (res.ok) continue;
          const fix = res.suggestion !== undefined
            ? { title: res.nonString && res.suggestion === scalarText(raw) ? `Quote the value: "${res.suggestion}"` : `Change the value to "${res.suggestion}"`, ops: [{ op: 'set' as const, path, value: res.suggestion }], preferred: true }
            : undefined;
          const message = res.nonString
            ? `The ${mapKind} '${name}' on ${object.display} has ${res.nonString} value: label and annotation values must be strings, so the API server rejects the object${res.suggestion !== undefined && res.suggestion !== scalarText(raw) ? ` (the valid spelling is "${res.suggestion}")` : ''}.`
            : `Invalid value ${JSON.stringify(raw)} for '${name}' on ${object.display}: ${res.reason}; ${key.mesh === 'istio' ? 'Istio' : 'Linkerd'} ignores or rejects it.`;
          report({ path, target: 'value', message, fix });
        }
      }
    }
  },
});
