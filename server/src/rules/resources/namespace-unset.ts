import { asDict } from '../../engine/object';
import { isClusterScoped } from '../../engine/workspaceIndex';
import { defineRule } from '../types';

/**
 * Cluster-scoped kinds beyond the engine's list (workspaceIndex.ts), judged here only: built-in API
 * kinds of newer releases and well-known add-on kinds whose names do not start with "Cluster".
 */
const ALSO_CLUSTER_SCOPED = new Set([
  'GatewayClass', 'VolumeSnapshotClass', 'VolumeSnapshotContent', 'FlowSchema', 'PriorityLevelConfiguration',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'DeviceClass', 'ServiceCIDR', 'IPAddress',
  'StorageVersionMigration', 'ComponentStatus', 'TokenReview', 'SubjectAccessReview', 'SelfSubjectAccessReview',
  'SelfSubjectRulesReview', 'SelfSubjectReview', 'VolumeAttributesClass', 'GlobalNetworkPolicy', 'GlobalNetworkSet',
  'HostEndpoint', 'IPPool', 'BGPConfiguration', 'BGPPeer', 'FelixConfiguration', 'ConstraintTemplate', 'ProviderConfig',
]);

export default defineRule({
  id: 'namespace-unset',
  category: 'resources',
  severity: 'info',
  description: 'A namespaced object has no metadata.namespace, or is in the default namespace.',
  rationale:
    'An object without a namespace lands wherever the applying context points (often default), so the same manifest deploys to different places for different people, and the default namespace mixes unrelated workloads under one set of quotas and RBAC. Info only: Helm and Kustomize commonly set the namespace at install time. Cluster-scoped kinds (also those a CRD in the workspace declares cluster-scoped, and kinds named Cluster*) and Namespace objects are not judged.',
  appliesTo: 'all',
  crossResource: true,
  peers: ['kube-linter use-namespace', 'Checkov CKV_K8S_21'],
  check({ object, index, report }) {
    const kind = object.kind;
    if (isClusterScoped(kind) || ALSO_CLUSTER_SCOPED.has(kind) || kind === 'Namespace' || kind.endsWith('List') || /^Cluster[A-Z]/.test(kind)) return;
    // A custom resource whose CRD (in the workspace) says it is cluster-scoped.
    const crd = index.crdFor(object.group, object.version, kind)?.crd;
    if (crd && asDict(crd.spec).scope === 'Cluster') return;
    if (object.namespace === 'default') {
      report({
        path: ['metadata', 'namespace'],
        target: 'pair',
        message: `${object.display} is in the default namespace, which mixes unrelated workloads under the same quotas and RBAC.`,
      });
      return;
    }
    if (object.namespace) return;
    report({
      path: object.metadata.name !== undefined ? ['metadata', 'name'] : ['kind'],
      target: 'value',
      message: `${object.display} has no metadata.namespace: it lands in whatever namespace the applying context points to (often default).`,
    });
  },
});
