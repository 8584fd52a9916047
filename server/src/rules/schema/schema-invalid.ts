import { isCollection } from '../../engine/yamlLibrary';
import { versionAtLeast } from '../../engine/config';
import { locate } from '../../engine/locate';
import { get, isDict } from '../../engine/object';
import { deprecationFor } from '../../schema/deprecations';
import { builtinValidator, crdValidator, validateWith } from '../../schema/validate';
import { defineRule } from '../types';

export default defineRule({
  id: 'schema-invalid',
  category: 'schema',
  severity: 'error',
  description: 'The object does not match the Kubernetes schema of its apiVersion/kind (or its CRD): unknown field, wrong type, bad enum value or missing required field.',
  rationale:
    'The API server rejects such an object, so a deploy fails at apply time, or worse, an older client silently drops a misspelt field and the setting never takes effect (a probe that is never run, a limit that is never set). Checking against the Kubernetes 1.35 OpenAPI schema, and against the openAPIV3Schema of CustomResourceDefinitions found in the workspace, catches these while typing.',
  fix: 'Renames an unknown field to the known field it is one or two letters away from.',
  appliesTo: 'all',
  runsOnPatches: true,
  peers: ['kubeconform', 'kubectl --validate=strict'],
  examples: {
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          port:\n            - containerPort: 80\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n',
  },
  check({ object, index, isPatch, kubernetesVersion, report }) {
    const dep = deprecationFor(object.group, object.version, object.kind);
    if (dep?.removedIn && versionAtLeast(kubernetesVersion, dep.removedIn)) return; // deprecated-api says it all
    let validate = builtinValidator(object.group, object.version, object.kind);
    if (!validate) {
      const crd = index.crdFor(object.group, object.version, object.kind);
      if (crd && isDict(crd.schema)) validate = crdValidator(crd.schema) ?? undefined;
    }
    if (!validate) return;
    for (const p of validateWith(validate, object.value, { isPatch })) {
      // A wrong-typed block mapping or list is pointed at by its key; a flow one ([1], {a: b}) by itself.
      const value = get(object.value, p.path);
      let target = p.target;
      if (target === 'value' && (isDict(value) || Array.isArray(value))) {
        const node = object.doc ? locate(object.doc, p.path).node : undefined;
        if (!(isCollection(node) && node.flow)) target = 'key';
      }
      const name = p.path[p.path.length - 1];
      // A list item missing a field is pointed at by its `name:` key (a key, so no other rule's
      // finding on the item's name value can stand in for it).
      let path = p.path;
      if (p.keyword === 'required' && typeof name === 'number' && isDict(value) && 'name' in value) path = [...p.path, 'name'];
      report({
        path,
        target,
        message: `${object.display}: ${p.message}`,
        fix: p.suggestion
          ? { title: `Rename ${String(name)} to ${p.suggestion}`, ops: [{ op: 'rename', path: p.path, to: p.suggestion }], preferred: true }
          : undefined,
      });
    }
  },
});
