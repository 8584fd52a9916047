import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  closestKey,
  isPodScoped,
  keysUnderPrefix,
  meshKey,
  meshKeysFor,
  namespaceKeys,
  podScopedKeys,
  suggestValue,
  validateRawValue,
  validateValue,
  type MeshKey,
} from '../../../server/src/mesh/catalog';

const key = (name: string, kind?: 'label' | 'annotation'): MeshKey => {
  const k = meshKey(name, kind);
  assert.ok(k, `${name} is in the catalog`);
  return k;
};
const valid = (name: string, v: string, kind?: 'label' | 'annotation') => validateValue(key(name, kind), v).ok;
const sugg = (name: string, v: unknown, kind?: 'label' | 'annotation') => suggestValue(key(name, kind), v);

test('lookups: both forms of sidecar.istio.io/inject, label is current, annotation deprecated', () => {
  const label = key('sidecar.istio.io/inject', 'label');
  const ann = key('sidecar.istio.io/inject', 'annotation');
  assert.equal(label.deprecated, false);
  assert.equal(ann.deprecated, true);
  assert.deepEqual(ann.replacement, { name: 'sidecar.istio.io/inject', kind: 'label' });
  assert.equal(meshKey('sidecar.istio.io/inject')?.kind, 'annotation');
  assert.equal(meshKey('nope.istio.io/x'), undefined);
});

test('lookups: prefixes, pod-scoped and namespace keys', () => {
  const traffic = keysUnderPrefix('traffic.sidecar.istio.io/').map((k) => k.name);
  assert.ok(traffic.includes('traffic.sidecar.istio.io/excludeOutboundIPRanges'));
  assert.ok(traffic.every((n) => n.startsWith('traffic.sidecar.istio.io/')));
  const pod = podScopedKeys().map((k) => k.name);
  assert.ok(pod.includes('proxy.istio.io/config'));
  assert.ok(pod.includes('linkerd.io/inject'));
  assert.ok(!pod.includes('networking.istio.io/exportTo'));
  assert.ok(!pod.includes('gateway.istio.io/managed'), 'a key read from Deployments is not pod-only');
  assert.equal(isPodScoped(key('config.linkerd.io/proxy-cpu-limit')), true);
  const ns = namespaceKeys().map((k) => `${k.kind}:${k.name}`);
  assert.ok(ns.includes('label:istio-injection'));
  assert.ok(ns.includes('annotation:linkerd.io/inject'));
  assert.ok(!ns.includes('label:sidecar.istio.io/inject'));
});

test('meshKeysFor gives completion items with docs and values, without controller keys', () => {
  const pod = meshKeysFor('podTemplate');
  const inject = pod.find((k) => k.name === 'linkerd.io/inject')!;
  assert.deepEqual(inject.allowedValues, ['enabled', 'disabled', 'ingress']);
  assert.equal(inject.kind, 'annotation');
  assert.match(inject.doc, /injection/);
  assert.ok(!pod.some((k) => k.name === 'sidecar.istio.io/status'), 'controller-written');
  const injAnn = pod.find((k) => k.name === 'sidecar.istio.io/inject' && k.kind === 'annotation')!;
  assert.equal(injAnn.deprecated, true);
  assert.equal(injAnn.replacement, 'label sidecar.istio.io/inject');
  const svc = meshKeysFor('service').map((k) => k.name);
  assert.ok(svc.includes('networking.istio.io/exportTo'));
  assert.ok(svc.includes('retry.linkerd.io/http'));
  assert.ok(!svc.includes('sidecar.istio.io/proxyCPU'));
  const ns = meshKeysFor('namespace').map((k) => k.name);
  assert.ok(ns.includes('istio-injection') && ns.includes('config.linkerd.io/default-inbound-policy'));
  const wl = meshKeysFor('workload').map((k) => k.name);
  assert.ok(!wl.includes('sidecar.istio.io/inject') && !wl.includes('linkerd.io/inject'));
});

test('closestKey: case, domain and edit-distance typos', () => {
  assert.equal(closestKey('sidecar.istio.io/proxyCpu', 'annotation')?.name, 'sidecar.istio.io/proxyCPU');
  assert.equal(closestKey('traffic.istio.io/excludeInboundPorts', 'annotation')?.name, 'traffic.sidecar.istio.io/excludeInboundPorts');
  assert.equal(closestKey('config.linkerd.io/skip-inbound-port', 'annotation')?.name, 'config.linkerd.io/skip-inbound-ports');
  assert.equal(closestKey('linkerd.io/injct', 'annotation')?.name, 'linkerd.io/inject');
  assert.equal(closestKey('config.linkerd.io/totally-different-thing', 'annotation'), undefined);
});

test('boolStrict: only "true"/"false"; obvious spellings suggested', () => {
  assert.ok(valid('sidecar.istio.io/inject', 'true', 'label'));
  assert.ok(valid('sidecar.istio.io/inject', 'false', 'label'));
  for (const v of ['True', 'yes', 'on', '1', 'enabled']) {
    assert.equal(valid('sidecar.istio.io/inject', v, 'label'), false, v);
    assert.equal(sugg('sidecar.istio.io/inject', v, 'label'), 'true', v);
  }
  assert.equal(sugg('sidecar.istio.io/nativeSidecar', 'off'), 'false');
  assert.equal(sugg('sidecar.istio.io/nativeSidecar', 'maybe'), undefined);
});

test('boolGo: strconv.ParseBool set', () => {
  for (const v of ['true', 'False', 'TRUE', '1', '0', 't', 'F']) assert.ok(valid('sidecar.istio.io/rewriteAppHTTPProbers', v), v);
  assert.equal(valid('sidecar.istio.io/rewriteAppHTTPProbers', 'yes'), false);
  assert.equal(sugg('sidecar.istio.io/rewriteAppHTTPProbers', 'yes'), 'true');
  assert.equal(valid('config.linkerd.io/proxy-enable-native-sidecar', 'on'), false);
});

test('boolCaseInsensitive', () => {
  assert.ok(valid('networking.istio.io/enable-autoallocate-ip', 'FALSE'));
  assert.equal(valid('networking.istio.io/enable-autoallocate-ip', 'no'), false);
  assert.equal(sugg('networking.istio.io/enable-autoallocate-ip', 'no'), 'false');
});

test('enum: case-sensitive, with case and boolean suggestions; linkerd.io/inject true -> enabled', () => {
  assert.ok(valid('linkerd.io/inject', 'enabled'));
  assert.equal(valid('linkerd.io/inject', 'Enabled'), false);
  assert.equal(sugg('linkerd.io/inject', 'Enabled'), 'enabled');
  assert.equal(sugg('linkerd.io/inject', 'true'), 'enabled');
  assert.equal(sugg('linkerd.io/inject', true), 'enabled');
  assert.equal(sugg('linkerd.io/inject', 'no'), 'disabled');
  assert.equal(sugg('sidecar.istio.io/interceptionMode', 'redirect'), 'REDIRECT');
  assert.equal(sugg('istio-injection', 'enable', 'label'), 'enabled');
  assert.equal(sugg('config.linkerd.io/default-inbound-policy', 'all-authenticatd'), 'all-authenticated');
  // Documented as case-insensitive.
  assert.ok(valid('networking.istio.io/traffic-distribution', 'preferclose'));
});

test('portList and portListOrWildcard', () => {
  assert.ok(valid('traffic.sidecar.istio.io/excludeInboundPorts', '8080,9090'));
  assert.ok(valid('traffic.sidecar.istio.io/excludeInboundPorts', '8080, 9090'), 'Istio trims port items');
  assert.equal(valid('traffic.sidecar.istio.io/excludeInboundPorts', '8080,70000'), false);
  assert.equal(valid('traffic.sidecar.istio.io/excludeInboundPorts', '*'), false);
  assert.equal(sugg('traffic.sidecar.istio.io/excludeInboundPorts', '8080;9090'), '8080,9090');
  assert.ok(valid('traffic.sidecar.istio.io/includeInboundPorts', '*'));
  assert.equal(valid('traffic.sidecar.istio.io/includeInboundPorts', 'http'), false);
});

test('portRangeList: ranges, trailing comma, named ports only on opaque-ports', () => {
  assert.ok(valid('config.linkerd.io/skip-inbound-ports', '4567,4568,8000-8100,'));
  assert.equal(valid('config.linkerd.io/skip-inbound-ports', '9000-8000'), false);
  assert.equal(valid('config.linkerd.io/skip-inbound-ports', 'metrics'), false);
  assert.ok(valid('config.linkerd.io/opaque-ports', '4222,nats-client'));
  assert.equal(valid('config.linkerd.io/opaque-ports', '3306-'), false);
});

test('cidrList: Istio does not trim spaces; bare addresses get a prefix length', () => {
  assert.ok(valid('traffic.sidecar.istio.io/excludeOutboundIPRanges', '10.0.0.0/8,192.168.0.0/16,fd00::/8'));
  const spaced = validateValue(key('traffic.sidecar.istio.io/excludeOutboundIPRanges'), '10.0.0.0/8, 192.168.0.0/16');
  assert.equal(spaced.ok, false);
  assert.equal(spaced.suggestion, '10.0.0.0/8,192.168.0.0/16');
  assert.equal(sugg('traffic.sidecar.istio.io/excludeOutboundIPRanges', '169.254.169.254'), '169.254.169.254/32');
  assert.equal(valid('traffic.sidecar.istio.io/excludeOutboundIPRanges', '10.0.0.0/33'), false);
  assert.ok(valid('config.linkerd.io/skip-subnets', '10.0.0.0/8, 172.16.0.0/12'), 'Linkerd tolerates spaces');
});

test('cidrListOrWildcard: "*", empty and lists', () => {
  assert.ok(valid('traffic.sidecar.istio.io/includeOutboundIPRanges', '*'));
  assert.ok(valid('traffic.sidecar.istio.io/includeOutboundIPRanges', ''));
  assert.ok(valid('traffic.sidecar.istio.io/includeOutboundIPRanges', '10.96.0.0/12'));
  assert.equal(valid('traffic.sidecar.istio.io/includeOutboundIPRanges', 'all'), false);
});

test('quantity', () => {
  assert.ok(valid('sidecar.istio.io/proxyCPU', '100m'));
  assert.ok(valid('sidecar.istio.io/proxyMemory', '128Mi'));
  assert.ok(valid('config.linkerd.io/proxy-cpu-limit', '1.5'));
  assert.equal(valid('sidecar.istio.io/proxyMemory', '128MiB'), false);
  assert.equal(sugg('sidecar.istio.io/proxyMemory', '128MiB'), '128Mi');
  assert.equal(sugg('sidecar.istio.io/proxyMemory', '1GB'), '1G');
  assert.equal(sugg('sidecar.istio.io/proxyMemory', 'lots'), undefined);
});

test('uint32, integer, float with bounds', () => {
  assert.ok(valid('readiness.status.sidecar.istio.io/periodSeconds', '10'));
  assert.equal(valid('readiness.status.sidecar.istio.io/periodSeconds', '-1'), false);
  assert.equal(sugg('readiness.status.sidecar.istio.io/initialDelaySeconds', '10s'), '10');
  assert.equal(valid('readiness.status.sidecar.istio.io/failureThreshold', '4294967296'), false);
  assert.ok(valid('config.linkerd.io/proxy-gid', '-1'));
  assert.equal(valid('istio.io/use-waypoint-canary-weight', '101'), false);
  assert.ok(valid('istio.io/use-waypoint-canary-weight', '25'));
  assert.ok(valid('config.linkerd.io/proxy-cpu-ratio-limit', '0.5'));
  assert.equal(valid('config.linkerd.io/proxy-cpu-ratio-limit', '1'), false, 'exclusive bound');
  assert.equal(valid('config.linkerd.io/proxy-cpu-ratio-limit', 'half'), false);
});

test('port', () => {
  assert.ok(valid('status.sidecar.istio.io/port', '15020'));
  assert.ok(valid('status.sidecar.istio.io/port', '0'));
  assert.equal(valid('config.linkerd.io/admin-port', '65536'), false);
});

test('duration (Go) and durationWithUnit', () => {
  assert.ok(valid('config.linkerd.io/proxy-outbound-connect-timeout', '1000ms'));
  assert.ok(valid('config.linkerd.io/shutdown-grace-period', '1m30s'));
  // Go accepts microseconds in both spellings: U+00B5 (micro sign) and U+03BC (Greek mu).
  assert.ok(valid('config.linkerd.io/proxy-outbound-connect-timeout', '1500\u00b5s'));
  assert.ok(valid('config.linkerd.io/proxy-outbound-connect-timeout', '1500\u03bcs'));
  assert.ok(valid('config.linkerd.io/proxy-outbound-connect-timeout', '1500us'));
  assert.equal(valid('config.linkerd.io/proxy-outbound-connect-timeout', '1500\u00b5'), false);
  assert.equal(valid('config.linkerd.io/shutdown-grace-period', '90'), false);
  assert.equal(sugg('config.linkerd.io/shutdown-grace-period', '90 seconds'), '90s');
  assert.equal(sugg('config.linkerd.io/shutdown-grace-period', '90'), undefined, 'the unit is not obvious');
  assert.ok(valid('retry.linkerd.io/timeout', '300ms'));
  assert.equal(valid('retry.linkerd.io/timeout', '5'), false);
  assert.equal(valid('retry.linkerd.io/timeout', '1m30s'), false);
  assert.equal(valid('timeout.linkerd.io/request', '1d'), false);
  assert.ok(valid('balancer.linkerd.io/failure-accrual-consecutive-max-penalty', '1d'));
  assert.equal(sugg('timeout.linkerd.io/request', '10 sec'), '10s');
});

test('json with shapes, yamlOrJson', () => {
  assert.ok(valid('sidecar.istio.io/userVolume', '{"certs":{"secret":{"secretName":"my-certs"}}}'));
  assert.equal(valid('sidecar.istio.io/userVolume', '[{"name":"certs"}]'), false);
  assert.equal(valid('sidecar.istio.io/userVolume', '{certs: 1}'), false);
  assert.ok(valid('config.linkerd.io/proxy-additional-env', '[{"name":"FOO","value":"bar"}]'));
  assert.equal(valid('config.linkerd.io/proxy-additional-env', '{"FOO":"bar"}'), false);
  assert.ok(valid('proxy.istio.io/config', '{"holdApplicationUntilProxyStarts": true}'));
  assert.ok(valid('proxy.istio.io/config', 'holdApplicationUntilProxyStarts: true\nterminationDrainDuration: 30s\n'));
  assert.equal(valid('proxy.istio.io/config', 'holdApplicationUntilProxyStarts: [true'), false);
  assert.equal(valid('proxy.istio.io/config', '- a\n- b'), false);
});

test('logLevel, namespaceList, labelSelectorString, names', () => {
  assert.ok(valid('sidecar.istio.io/logLevel', 'info,misc:error'));
  assert.equal(valid('sidecar.istio.io/logLevel', 'verbose'), false);
  assert.ok(valid('config.linkerd.io/proxy-log-level', 'warn,linkerd=info'));
  assert.equal(sugg('config.linkerd.io/proxy-log-level', 'warning'), 'warn');
  assert.ok(valid('networking.istio.io/exportTo', '.,istio-system'));
  assert.equal(valid('networking.istio.io/exportTo', 'Shop'), false);
  assert.ok(valid('traffic.istio.io/nodeSelector', 'zone=a,tier=edge'));
  assert.equal(valid('traffic.istio.io/nodeSelector', 'zone'), false);
  assert.ok(valid('sidecar.istio.io/bootstrapOverride', 'custom-bootstrap'));
  assert.equal(valid('sidecar.istio.io/bootstrapOverride', 'Custom_Bootstrap'), false);
});

test('non-string YAML values are rejected with the string spelling', () => {
  const r = validateRawValue(key('sidecar.istio.io/inject', 'label'), true);
  assert.equal(r.ok, false);
  assert.equal(r.nonString, 'a boolean');
  assert.equal(r.suggestion, 'true');
  assert.equal(suggestValue(key('config.linkerd.io/proxy-cpu-limit'), 1), '1');
  assert.equal(validateRawValue(key('config.linkerd.io/proxy-cpu-limit'), null).ok, true);
});
