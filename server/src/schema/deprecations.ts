/**
 * Deprecated and removed Kubernetes API versions, from the upstream deprecation guide and release
 * notes. `fix`: 'safe' when the replacement has the same schema (rewriting apiVersion is all it takes),
 * 'review' when the fields carry over but a behaviour or default changed (a human should look),
 * absent when fields must change too (no automatic fix).
 */

export interface Deprecation {
  group: string;
  version: string;
  kind: string;
  /** Release that deprecated it ("1.16"). */
  deprecatedIn: string;
  /** Release that stopped serving it; absent while it is still served. */
  removedIn?: string;
  /** The apiVersion to use instead; absent when there is none. */
  replacement?: string;
  /** Replacement kind when it differs (Endpoints -> EndpointSlice). */
  replacementKind?: string;
  fix?: 'safe' | 'review';
  /** What changes beyond the apiVersion, for the message. */
  note?: string;
}

function entries(group: string, version: string, kinds: string[], rest: Omit<Deprecation, 'group' | 'version' | 'kind'>): Deprecation[] {
  return kinds.map((kind) => ({ group, version, kind, ...rest }));
}

const SELECTOR_NOTE = 'apps/v1 requires spec.selector, changed defaults, and spec.selector can no longer be changed after creation';

export const DEPRECATIONS: readonly Deprecation[] = [
  // Removed in 1.16.
  ...entries('extensions', 'v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], { deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', fix: 'review', note: SELECTOR_NOTE }),
  ...entries('apps', 'v1beta1', ['Deployment', 'StatefulSet'], { deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', fix: 'review', note: SELECTOR_NOTE }),
  ...entries('apps', 'v1beta1', ['ControllerRevision'], { deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', fix: 'safe' }),
  ...entries('apps', 'v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], { deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', fix: 'safe' }),
  ...entries('extensions', 'v1beta1', ['NetworkPolicy'], { deprecatedIn: '1.9', removedIn: '1.16', replacement: 'networking.k8s.io/v1', fix: 'safe' }),
  ...entries('extensions', 'v1beta1', ['PodSecurityPolicy'], { deprecatedIn: '1.11', removedIn: '1.16', replacement: 'policy/v1beta1', note: 'PodSecurityPolicy itself was removed in 1.25: use Pod Security Admission (namespace labels pod-security.kubernetes.io/*)' }),
  // Removed in 1.22.
  ...entries('extensions', 'v1beta1', ['Ingress'], { deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1', note: 'backends become service.name/service.port and every path needs a pathType' }),
  ...entries('networking.k8s.io', 'v1beta1', ['Ingress'], { deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', note: 'backends become service.name/service.port and every path needs a pathType' }),
  ...entries('networking.k8s.io', 'v1beta1', ['IngressClass'], { deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', fix: 'safe' }),
  ...entries('admissionregistration.k8s.io', 'v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], { deprecatedIn: '1.16', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1', note: 'v1 requires sideEffects and admissionReviewVersions and defaults failurePolicy to Fail' }),
  ...entries('apiextensions.k8s.io', 'v1beta1', ['CustomResourceDefinition'], { deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', note: 'v1 requires a structural schema per version under spec.versions[*].schema' }),
  ...entries('apiregistration.k8s.io', 'v1beta1', ['APIService'], { deprecatedIn: '1.19', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1', fix: 'safe' }),
  ...entries('authentication.k8s.io', 'v1beta1', ['TokenReview'], { deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authentication.k8s.io/v1', fix: 'safe' }),
  ...entries('authorization.k8s.io', 'v1beta1', ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'], { deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authorization.k8s.io/v1', fix: 'review', note: 'spec.group is renamed spec.groups' }),
  ...entries('certificates.k8s.io', 'v1beta1', ['CertificateSigningRequest'], { deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1', note: 'v1 requires spec.signerName and restricts usages' }),
  ...entries('coordination.k8s.io', 'v1beta1', ['Lease'], { deprecatedIn: '1.19', removedIn: '1.22', replacement: 'coordination.k8s.io/v1', fix: 'safe' }),
  ...entries('rbac.authorization.k8s.io', 'v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], { deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', fix: 'safe' }),
  ...entries('rbac.authorization.k8s.io', 'v1alpha1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], { deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', fix: 'safe' }),
  ...entries('scheduling.k8s.io', 'v1beta1', ['PriorityClass'], { deprecatedIn: '1.14', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1', fix: 'safe' }),
  ...entries('scheduling.k8s.io', 'v1alpha1', ['PriorityClass'], { deprecatedIn: '1.14', removedIn: '1.17', replacement: 'scheduling.k8s.io/v1', fix: 'safe' }),
  ...entries('storage.k8s.io', 'v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], { deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1', fix: 'safe' }),
  // Removed in 1.25.
  ...entries('batch', 'v1beta1', ['CronJob'], { deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1', fix: 'safe' }),
  ...entries('discovery.k8s.io', 'v1beta1', ['EndpointSlice'], { deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1', fix: 'review', note: 'endpoints[*].topology is replaced by nodeName, zone and deprecatedTopology' }),
  ...entries('events.k8s.io', 'v1beta1', ['Event'], { deprecatedIn: '1.19', removedIn: '1.25', replacement: 'events.k8s.io/v1', fix: 'review', note: 'deprecated* fields and type/reason requirements differ' }),
  ...entries('autoscaling', 'v2beta1', ['HorizontalPodAutoscaler'], { deprecatedIn: '1.23', removedIn: '1.25', replacement: 'autoscaling/v2', note: 'metric targets move under target (targetAverageUtilization becomes target.averageUtilization)' }),
  ...entries('policy', 'v1beta1', ['PodDisruptionBudget'], { deprecatedIn: '1.21', removedIn: '1.25', replacement: 'policy/v1', fix: 'review', note: 'in policy/v1 an empty spec.selector selects every pod of the namespace instead of none' }),
  ...entries('policy', 'v1beta1', ['PodSecurityPolicy'], { deprecatedIn: '1.21', removedIn: '1.25', note: 'there is no replacement kind: enforce Pod Security Admission with pod-security.kubernetes.io/* namespace labels' }),
  ...entries('node.k8s.io', 'v1beta1', ['RuntimeClass'], { deprecatedIn: '1.20', removedIn: '1.25', replacement: 'node.k8s.io/v1', fix: 'safe' }),
  ...entries('node.k8s.io', 'v1alpha1', ['RuntimeClass'], { deprecatedIn: '1.14', removedIn: '1.22', replacement: 'node.k8s.io/v1', note: 'v1alpha1 keeps the handler under spec' }),
  // Removed in 1.26.
  ...entries('autoscaling', 'v2beta2', ['HorizontalPodAutoscaler'], { deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2', fix: 'safe' }),
  ...entries('flowcontrol.apiserver.k8s.io', 'v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], { deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1', fix: 'review', note: 'assuredConcurrencyShares became nominalConcurrencyShares' }),
  // Removed in 1.27.
  ...entries('storage.k8s.io', 'v1beta1', ['CSIStorageCapacity'], { deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1', fix: 'safe' }),
  // Removed in 1.29 and 1.32.
  ...entries('flowcontrol.apiserver.k8s.io', 'v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], { deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1', fix: 'review', note: 'assuredConcurrencyShares became nominalConcurrencyShares' }),
  ...entries('flowcontrol.apiserver.k8s.io', 'v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], { deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', fix: 'safe' }),
  // Deprecated, still served.
  ...entries('', 'v1', ['Endpoints'], { deprecatedIn: '1.33', replacement: 'discovery.k8s.io/v1', replacementKind: 'EndpointSlice', note: 'a different object with addressType and endpoints[*].addresses; Endpoints keeps working but new features only reach EndpointSlices' }),
  ...entries('', 'v1', ['ComponentStatus'], { deprecatedIn: '1.19' }),
];

const byKey = new Map(DEPRECATIONS.map((d) => [`${d.group}/${d.version}/${d.kind}`, d]));

export function deprecationFor(group: string, version: string, kind: string): Deprecation | undefined {
  return byKey.get(`${group}/${version}/${kind}`);
}

/** Groups that only live on in this table (extensions, ...): still "built-in" for unknown-kind. */
export function deprecatedGroupVersions(): Set<string> {
  return new Set(DEPRECATIONS.map((d) => `${d.group}/${d.version}`));
}
