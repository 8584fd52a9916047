#!/usr/bin/env node
// Converts the Kubernetes OpenAPI v2 document (swagger.json, gzip-compressed) into compact JSON Schemas
// (draft-07, for ajv) for every built-in kind, plus a separate file of field descriptions for hovers.
//
//   npm run generate-schemas [-- path/to/swagger.json.gz]
//
// Output (committed; neither setup nor runtime ever reads the swagger):
//   schemas/kubernetes/v1.35/kinds.json         { version, kinds: { "apps/v1/Deployment": defName } }
//   schemas/kubernetes/v1.35/schema.json        { version, definitions }
//   schemas/kubernetes/v1.35/descriptions.json  { defName: { "": type description, field: description } }
//
// `npm run build` then precompiles every kind's validator from schema.json into dist/k8s-validators/
// (server/src/schema/precompile.ts); the runtime uses them only if built from this exact schema.json.
//
// Strictness: objects that declare properties reject unknown fields; IntOrString accepts an integer
// or a string; Quantity a number or a string of the Quantity grammar; Time/MicroTime a string;
// RawExtension, JSON and JSONSchemaProps anything. Null is treated as "unset" by the validator (it
// strips null-valued keys before validating, as Kubernetes' decoder does), so no `null` type here.
// The swagger carries no enums, so the few enumerations the API server validates are listed below.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const input = path.resolve(process.argv[2] ?? path.join(repo, '..', 'shared', 'k8s', 'swagger-v1.35.0.json.gz'));
const raw = fs.readFileSync(input);
const swagger = JSON.parse((input.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8'));
const release = /^v?(\d+\.\d+)/.exec(String(swagger.info?.version ?? ''))?.[1] ?? '1.35';
const outDir = path.join(repo, 'schemas', 'kubernetes', `v${release}`);

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const ANY = new Set([
  'io.k8s.apimachinery.pkg.runtime.RawExtension',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray',
]);

/** Quantity grammar: sign, digits with optional fraction, then a binary/decimal SI suffix or an exponent. */
export const QUANTITY_PATTERN = '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?$';

// Enumerations the API server enforces (validation code, not the swagger). Key: definition (without
// the io.k8s.api. prefix) and field; `[]` marks the items of a list. The empty string is always
// accepted too: Kubernetes defaults it like an unset field.
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const PROFILE = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const ENUMS = {
  'core.v1.Container': { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['File', 'FallbackToLogsOnError'] },
  'core.v1.EphemeralContainer': { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['File', 'FallbackToLogsOnError'] },
  'core.v1.ContainerPort': { protocol: PROTOCOLS },
  'core.v1.ServicePort': { protocol: PROTOCOLS },
  'core.v1.EndpointPort': { protocol: PROTOCOLS },
  'discovery.v1.EndpointPort': { protocol: PROTOCOLS },
  'networking.v1.NetworkPolicyPort': { protocol: PROTOCOLS },
  'networking.v1.NetworkPolicySpec': { 'policyTypes[]': ['Ingress', 'Egress'] },
  'core.v1.PodSpec': {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  'core.v1.PodOS': { name: ['linux', 'windows'] },
  'core.v1.ServiceSpec': {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    sessionAffinity: ['ClientIP', 'None'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    ipFamilyPolicy: ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
    'ipFamilies[]': ['IPv4', 'IPv6'],
  },
  'core.v1.Toleration': { operator: ['Exists', 'Equal'], effect: EFFECTS },
  'core.v1.Taint': { effect: EFFECTS },
  'core.v1.NodeSelectorRequirement': { operator: [...SELECTOR_OPS, 'Gt', 'Lt'] },
  'core.v1.ScopedResourceSelectorRequirement': { operator: SELECTOR_OPS },
  'core.v1.ResourceQuotaSpec': { 'scopes[]': ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'] },
  'core.v1.LimitRangeItem': { type: ['Pod', 'Container', 'PersistentVolumeClaim'] },
  'core.v1.SeccompProfile': { type: PROFILE },
  'core.v1.AppArmorProfile': { type: PROFILE },
  'core.v1.SecurityContext': { procMount: ['Default', 'Unmasked'] },
  'core.v1.PodSecurityContext': { fsGroupChangePolicy: ['OnRootMismatch', 'Always'], seLinuxChangePolicy: ['Recursive', 'MountOption'] },
  'core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'core.v1.VolumeMount': { mountPropagation: ['None', 'HostToContainer', 'Bidirectional'], recursiveReadOnly: ['Disabled', 'IfPossible', 'Enabled'] },
  'core.v1.HostPathVolumeSource': { type: ['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'] },
  'core.v1.PersistentVolumeClaimSpec': { 'accessModes[]': ACCESS_MODES, volumeMode: ['Filesystem', 'Block'] },
  'core.v1.PersistentVolumeSpec': { 'accessModes[]': ACCESS_MODES, volumeMode: ['Filesystem', 'Block'], persistentVolumeReclaimPolicy: ['Retain', 'Delete', 'Recycle'] },
  'core.v1.TopologySpreadConstraint': { whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'], nodeAffinityPolicy: ['Honor', 'Ignore'], nodeTaintsPolicy: ['Honor', 'Ignore'] },
  'core.v1.ContainerResizePolicy': { restartPolicy: ['NotRequired', 'RestartContainer'] },
  'apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'apps.v1.DaemonSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'apps.v1.StatefulSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy': { whenDeleted: ['Retain', 'Delete'], whenScaled: ['Retain', 'Delete'] },
  'batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'batch.v1.JobSpec': { completionMode: ['NonIndexed', 'Indexed'], podReplacementPolicy: ['TerminatingOrFailed', 'Failed'] },
  'batch.v1.PodFailurePolicyRule': { action: ['FailJob', 'FailIndex', 'Ignore', 'Count'] },
  'batch.v1.PodFailurePolicyOnExitCodesRequirement': { operator: ['In', 'NotIn'] },
  'networking.v1.HTTPIngressPath': { pathType: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: ['IfHealthyBudget', 'AlwaysAllow'] },
  'autoscaling.v2.MetricSpec': { type: ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] },
  'autoscaling.v2.MetricTarget': { type: ['AverageValue', 'Utilization', 'Value'] },
  'autoscaling.v2.HPAScalingRules': { selectPolicy: ['Max', 'Min', 'Disabled'] },
  'autoscaling.v2.HPAScalingPolicy': { type: ['Pods', 'Percent'] },
  'rbac.v1.RoleRef': { kind: ['Role', 'ClusterRole'] },
  'rbac.v1.Subject': { kind: ['ServiceAccount', 'User', 'Group'] },
  'storage.v1.StorageClass': { reclaimPolicy: ['Delete', 'Retain'], volumeBindingMode: ['Immediate', 'WaitForFirstConsumer'] },
  'storage.v1.CSIDriverSpec': { fsGroupPolicy: ['ReadWriteOnceWithFSType', 'File', 'None'], 'volumeLifecycleModes[]': ['Persistent', 'Ephemeral'] },
  'discovery.v1.EndpointSlice': { addressType: ['IPv4', 'IPv6', 'FQDN'] },
  'scheduling.v1.PriorityClass': { preemptionPolicy: ['PreemptLowerPriority', 'Never'] },
  'admissionregistration.v1.ValidatingWebhook': { failurePolicy: ['Ignore', 'Fail'], sideEffects: ['None', 'NoneOnDryRun', 'Some', 'Unknown'], matchPolicy: ['Exact', 'Equivalent'] },
  'admissionregistration.v1.MutatingWebhook': { failurePolicy: ['Ignore', 'Fail'], sideEffects: ['None', 'NoneOnDryRun', 'Some', 'Unknown'], matchPolicy: ['Exact', 'Equivalent'], reinvocationPolicy: ['Never', 'IfNeeded'] },
  'admissionregistration.v1.RuleWithOperations': { 'operations[]': ['*', 'CREATE', 'UPDATE', 'DELETE', 'CONNECT'], scope: ['*', 'Cluster', 'Namespaced'] },
  'apiextensions.CustomResourceDefinitionSpec': { scope: ['Cluster', 'Namespaced'] },
  'apiextensions.CustomResourceConversion': { strategy: ['None', 'Webhook'] },
};
// Alpha fields newer than this schema that manifests written for newer clusters (and the official Pod
// Security Admission fixtures) already use: accepted, so such manifests are not flagged as invalid.
const ADDITIONS = {
  'core.v1.SecurityContext': {
    ulimits: {
      schema: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, soft: { type: 'integer' }, hard: { type: 'integer' } }, additionalProperties: false, required: ['name'] } },
      description: 'Resource limits (ulimits) of the container\'s processes, by name (nofile, core, ...). Alpha (ContainerUlimits feature gate) in releases after 1.35; baseline Pod Security forbids it.',
    },
    cgroupOptions: {
      schema: { type: 'object', properties: { mountMode: { type: 'string', enum: ['', 'ReadOnly', 'ReadWrite'] } }, additionalProperties: false },
      description: 'How the container\'s cgroup filesystem is mounted (mountMode ReadOnly or ReadWrite). Alpha (CgroupOptions feature gate) in releases after 1.35; restricted Pod Security forbids ReadWrite.',
    },
  },
};

function shortName(defName) {
  return defName.replace(/^io\.k8s\.api\./, '').replace(/^io\.k8s\.apiextensions-apiserver\.pkg\.apis\.apiextensions\.v1\./, 'apiextensions.');
}
function enumsOf(defName) {
  return ENUMS[shortName(defName)];
}

const definitions = swagger.definitions;
const usedEnums = new Set();

function convertDef(name, def) {
  if (ANY.has(name)) return {};
  if (name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString') return { type: ['integer', 'string'] };
  if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') return { type: ['string', 'number'], pattern: QUANTITY_PATTERN };
  if (name === META + 'Time' || name === META + 'MicroTime') return { type: 'string' };
  const enums = enumsOf(name) ?? {};
  const out = convert(def, enums, name);
  for (const [field, add] of Object.entries(ADDITIONS[shortName(name)] ?? {})) {
    if (out.properties && !out.properties[field]) out.properties[field] = add.schema;
  }
  return out;
}

function convert(s, enums = {}, defName = '') {
  if (s.$ref) return { $ref: s.$ref };
  const out = {};
  if (s.type) out.type = s.type === 'number' ? 'number' : s.type;
  if (s.type === 'string' && s.format === 'byte') out.pattern = '^[A-Za-z0-9+/=\\s]*$';
  if (s.type === 'string' && s.format === 'int-or-string') out.type = ['integer', 'string'];
  if (s.type === 'array' && s.items) out.items = convert(s.items);
  if (s.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(s.properties)) {
      const p = convert(v);
      const e = enums[k];
      if (e) {
        p.enum = ['', ...e];
        usedEnums.add(`${shortName(defName)}.${k}`);
      }
      const ei = enums[`${k}[]`];
      if (ei && p.items) {
        p.items = { ...p.items, enum: ['', ...ei] };
        usedEnums.add(`${shortName(defName)}.${k}[]`);
      }
      out.properties[k] = p;
    }
    if (!s['x-kubernetes-preserve-unknown-fields'] && !s.additionalProperties) out.additionalProperties = false;
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = convert(s.additionalProperties);
  if (s.required?.length) out.required = s.required;
  return out;
}

function convertDescriptions(def, name) {
  const d = {};
  for (const [field, add] of Object.entries(ADDITIONS[shortName(name)] ?? {})) d[field] = add.description;
  if (def.description) d[''] = def.description;
  for (const [k, v] of Object.entries(def.properties ?? {})) if (v.description) d[k] = v.description;
  return d;
}

const kinds = {};
const outDefs = {};
const descriptions = {};
for (const [name, def] of Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))) {
  outDefs[name] = convertDef(name, def);
  const d = convertDescriptions(def, name);
  if (Object.keys(d).length) descriptions[name] = d;
  for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
    const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
    // DeleteOptions and WatchEvent claim every group; a real kind's own definition wins.
    if (!kinds[key] || (def['x-kubernetes-group-version-kind'].length === 1)) kinds[key] = name;
  }
}
for (const [def, fields] of Object.entries(ENUMS)) {
  for (const f of Object.keys(fields)) {
    const hit = usedEnums.has(`${def}.${f}`);
    if (!hit) console.warn(`warning: enum ${def}.${f} matched no definition`);
  }
}

fs.mkdirSync(outDir, { recursive: true });
// The kinds apart from the definitions: the server reads the small table at its first manifest, and the
// 270 KiB of definitions only when a schema error needs them, and then only a module's share of them.
fs.writeFileSync(path.join(outDir, 'kinds.json'), JSON.stringify({ version: release, kinds }) + '\n');
fs.writeFileSync(path.join(outDir, 'schema.json'), JSON.stringify({ version: release, definitions: outDefs }) + '\n');
fs.writeFileSync(path.join(outDir, 'descriptions.json'), JSON.stringify(descriptions) + '\n');
const size = (f) => `${(fs.statSync(path.join(outDir, f)).size / 1024).toFixed(0)} KiB`;
console.log(`Kubernetes ${release}: ${Object.keys(kinds).length} kinds, ${Object.keys(outDefs).length} definitions -> ${path.relative(repo, outDir)}/kinds.json (${size('kinds.json')}), schema.json (${size('schema.json')}), descriptions.json (${size('descriptions.json')})`);
