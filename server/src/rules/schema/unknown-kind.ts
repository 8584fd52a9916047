import { closest } from '../../engine/config';
import { KNOWN_EXTERNAL_GROUPS, apiVersionsOf, builtinGroups, closestKind, isBuiltinGroup, isBuiltinOrDeprecated } from '../../schema/kinds';
import { defineRule } from '../types';

export default defineRule({
  id: 'unknown-kind',
  category: 'schema',
  severity: 'warning',
  description: 'The apiVersion/kind is neither built into Kubernetes nor defined by a CustomResourceDefinition in the workspace.',
  rationale:
    'A misspelt kind or a version the group never served (apps/v2) is rejected by the API server with "no matches for kind", usually only at deploy time. For kinds of other API groups Daytwo cannot check the fields unless the workspace holds their CustomResourceDefinition, so it says so once instead of staying silently blind.',
  appliesTo: 'all',
  runsOnPatches: true,
  check({ object, index, report }) {
    const { group, version, kind } = object;
    if (isBuiltinOrDeprecated(group, version, kind)) return;
    if (KNOWN_EXTERNAL_GROUPS.has(group) || index.definesKind(group, kind)) return;
    const gv = object.apiVersion;
    const served = apiVersionsOf(kind);
    if (isBuiltinGroup(group)) {
      const inGroup = served.filter((v) => (v.includes('/') ? v.slice(0, v.indexOf('/')) : '') === group);
      if (inGroup.length) {
        report({ path: ['apiVersion'], target: 'value', message: `${object.display}: ${gv} does not serve ${kind}; Kubernetes serves it as ${inGroup.join(' or ')}. The API server would reject it with "no matches for kind".` });
        return;
      }
      if (served.length) {
        report({ path: ['apiVersion'], target: 'value', message: `${object.display}: ${kind} is not part of ${gv}; it is served as ${served[0]}. The API server would reject it with "no matches for kind".` });
        return;
      }
      const near = closestKind(kind);
      const nearVersions = near ? apiVersionsOf(near) : [];
      const suggestion = near ? ` Did you mean ${near} (${nearVersions.find((v) => v.startsWith(group ? `${group}/` : 'v')) ?? nearVersions[0]})?` : '';
      report({ path: ['kind'], target: 'value', message: `${object.display}: ${gv} has no kind ${kind}, so the API server would reject it.${suggestion}` });
      return;
    }
    // A near-miss of a built-in group for a built-in kind (app/v1 Deployment) is a typo too.
    if (served.length) {
      const groups = new Set(served.map((v) => (v.includes('/') ? v.slice(0, v.indexOf('/')) : '')));
      const near = closest(group, [...groups].filter((g) => g !== '' && builtinGroups().has(g)));
      if (near !== undefined) {
        report({ path: ['apiVersion'], target: 'value', message: `${object.display}: there is no API group ${group}; ${kind} is served as ${served.find((v) => v.startsWith(`${near}/`))}.` });
        return;
      }
    }
    report({
      path: ['kind'],
      target: 'value',
      severity: 'info',
      message: `${object.display}: ${kind} (${gv}) is not a built-in kind and no CustomResourceDefinition in the workspace defines it, so its fields are not checked; add the CRD to the workspace to validate it.`,
    });
  },
});
