/**
 * Conformance with Pod Security admission, in the style of kubernetes/pod-security-admission's
 * test/testdata/{baseline,restricted}/v1.35/{pass,fail}/*.yaml: a minimal valid pod per level, and
 * one pod per check that changes exactly one field. Our own pods, generated here the way the
 * upstream generator makes its fixtures. Pass pods must get no finding from the rules derived from
 * that level; each fail pod must get its check's rule, on containers, init containers and ephemeral
 * containers alike.
 *
 * Set PSA_TESTDATA to a checkout's test/testdata directory to also run the official fixtures.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { lint, type TestFinding } from '../../helpers';

type Pod = Record<string, any>;

/** Rules that implement PSS checks, by level. */
const BASELINE_RULES = ['privileged-container', 'capabilities-added', 'host-namespace', 'host-path-volume', 'host-port', 'seccomp-profile', 'unsafe-sysctl', 'apparmor-unconfined', 'selinux-custom', 'proc-mount-unmasked', 'probe-host-field', 'windows-host-process'];
const RESTRICTED_RULES = [...BASELINE_RULES, 'privilege-escalation-allowed', 'run-as-root', 'capabilities-not-dropped', 'volume-type-restricted'];

/** Findings that say "baseline rejects this pod": restricted-only severities (warnings for restricted-only adds, info for unset seccomp) excluded. */
function baselineViolations(fs: TestFinding[]): TestFinding[] {
  return fs.filter((f) => BASELINE_RULES.includes(f.rule) && (f.severity === 'error' || f.rule === 'host-port' || f.rule === 'host-path-volume'));
}
function restrictedFindings(fs: TestFinding[]): TestFinding[] {
  return fs.filter((f) => RESTRICTED_RULES.includes(f.rule));
}

const container = (name: string, restricted: boolean): Pod => ({
  image: 'registry.k8s.io/pause',
  name,
  ...(restricted ? { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } } : {}),
});

function basePod(name: string, restricted: boolean): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [container('container1', restricted)],
      initContainers: [container('initcontainer1', restricted)],
      securityContext: restricted ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } : {},
    },
  };
}

type Mutation = ((pod: Pod) => void) & { perContainer?: boolean };
/** A change to every container, init container and ephemeral container. */
const each = (f: (c: Pod) => void): Mutation =>
  Object.assign((pod: Pod) => {
    for (const field of ['containers', 'initContainers', 'ephemeralContainers']) for (const c of pod.spec[field] ?? []) f(c);
  }, { perContainer: true });
const sc = (c: Pod): Pod => (c.securityContext ??= {});
const podSc = (p: Pod): Pod => (p.spec.securityContext ??= {});
/** The same pod with an ephemeral container, as `kubectl debug` would add it. */
const withEphemeral = (restricted: boolean): Mutation => (pod) => {
  pod.spec.ephemeralContainers = [container('ephemeralcontainer1', restricted)];
};

function build(name: string, restricted: boolean, ...ms: Mutation[]): string {
  const pod = basePod(name, restricted);
  for (const m of ms) m(pod);
  return stringify(pod);
}

interface Case {
  name: string;
  mutate: Mutation[];
  /** Rule the fail pod must produce. */
  rule?: string;
  version?: string;
}

const restrictedPass: Case[] = [
  { name: 'base', mutate: [] },
  { name: 'seccompprofile_localhost', mutate: [(p) => (podSc(p).seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/audit.json' })] },
  { name: 'seccompprofile_containerlevel', mutate: [(p) => delete podSc(p).seccompProfile, each((c) => (sc(c).seccompProfile = { type: 'RuntimeDefault' }))] },
  { name: 'capabilities_netbindservice', mutate: [each((c) => ((sc(c).capabilities ??= {}).add = ['NET_BIND_SERVICE']))] },
  { name: 'runasnonroot_containerlevel', mutate: [(p) => delete podSc(p).runAsNonRoot, each((c) => (sc(c).runAsNonRoot = true))] },
  { name: 'runasuser_nonzero', mutate: [(p) => (podSc(p).runAsUser = 1000), each((c) => (sc(c).runAsUser = 65534))] },
  { name: 'runasuser_usernamespace', mutate: [(p) => ((p.spec.hostUsers = false), (podSc(p).runAsUser = 0), delete podSc(p).runAsNonRoot)] },
  { name: 'windows', mutate: [(p) => ((p.spec.os = { name: 'windows' }), delete podSc(p).seccompProfile), each((c) => delete c.securityContext)] },
  { name: 'sysctls', mutate: [(p) => (podSc(p).sysctls = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'].map((name) => ({ name, value: '0' })))] },
  { name: 'selinuxoptions', mutate: [(p) => (podSc(p).seLinuxOptions = { type: 'container_init_t', level: 's0:c1,c2' }), each((c) => (sc(c).seLinuxOptions = { type: 'container_engine_t' }))] },
  { name: 'apparmorprofile', mutate: [(p) => ((podSc(p).appArmorProfile = { type: 'RuntimeDefault' }), (p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/container1': 'localhost/custom' })), each((c) => (sc(c).appArmorProfile = { type: 'Localhost', localhostProfile: 'custom' }))] },
  { name: 'restrictedvolumes', mutate: [(p) => (p.spec.volumes = [{ name: 'a', configMap: { name: 'cm' } }, { name: 'b', csi: { driver: 'inline.storage.kubernetes.io' } }, { name: 'c', downwardAPI: {} }, { name: 'd', emptyDir: {} }, { name: 'e', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }, { name: 'f', persistentVolumeClaim: { claimName: 'claim' } }, { name: 'g', projected: { sources: [] } }, { name: 'h', secret: { secretName: 'secret' } }, { name: 'i', image: { reference: 'registry.k8s.io/pause:3.10' } }])] },
  { name: 'hostports_zero', mutate: [each((c) => (c.ports = [{ containerPort: 12345, hostPort: 0 }]))] },
  { name: 'hostnamespaces_false', mutate: [(p) => Object.assign(p.spec, { hostNetwork: false, hostPID: false, hostIPC: false })] },
  { name: 'procmount_default', mutate: [each((c) => (sc(c).procMount = 'Default'))] },
  { name: 'windowshostprocess_false', mutate: [(p) => (podSc(p).windowsOptions = { hostProcess: false }), each((c) => (sc(c).windowsOptions = { hostProcess: false }))] },
  { name: 'hostprobes_empty', mutate: [each((c) => { c.readinessProbe = { httpGet: { port: 8080, host: '' } }; c.lifecycle = { preStop: { tcpSocket: { port: 8080 } } }; })] },
  { name: 'privileged_false', mutate: [each((c) => (sc(c).privileged = false))] },
];

/** One violation each; `rule` is what must fire. Applied to every container, init and ephemeral included. */
const fail: (Case & { level: 'baseline' | 'restricted' })[] = [
  { level: 'baseline', name: 'hostnamespaces0', rule: 'host-namespace', mutate: [(p) => (p.spec.hostNetwork = true)] },
  { level: 'baseline', name: 'hostnamespaces1', rule: 'host-namespace', mutate: [(p) => (p.spec.hostPID = true)] },
  { level: 'baseline', name: 'hostnamespaces2', rule: 'host-namespace', mutate: [(p) => (p.spec.hostIPC = true)] },
  { level: 'baseline', name: 'privileged0', rule: 'privileged-container', mutate: [each((c) => (sc(c).privileged = true))] },
  { level: 'baseline', name: 'capabilities_baseline0', rule: 'capabilities-added', mutate: [each((c) => ((sc(c).capabilities ??= {}).add = ['NET_RAW']))] },
  { level: 'baseline', name: 'capabilities_baseline1', rule: 'capabilities-added', mutate: [each((c) => ((sc(c).capabilities ??= {}).add = ['chown']))] },
  { level: 'baseline', name: 'capabilities_baseline2', rule: 'capabilities-added', mutate: [each((c) => ((sc(c).capabilities ??= {}).add = ['CAP_CHOWN']))] },
  { level: 'baseline', name: 'hostpathvolumes0', rule: 'host-path-volume', mutate: [(p) => (p.spec.volumes = [{ name: 'host', hostPath: { path: '/a' } }])] },
  { level: 'baseline', name: 'hostports0', rule: 'host-port', mutate: [each((c) => (c.ports = [{ containerPort: 12345, hostPort: 12345 }]))] },
  { level: 'baseline', name: 'apparmorprofile0', rule: 'apparmor-unconfined', mutate: [(p) => (p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/container1': 'unconfined' })] },
  { level: 'baseline', name: 'apparmorprofile1', rule: 'apparmor-unconfined', mutate: [(p) => (podSc(p).appArmorProfile = { type: 'Unconfined' })] },
  { level: 'baseline', name: 'apparmorprofile2', rule: 'apparmor-unconfined', mutate: [each((c) => (sc(c).appArmorProfile = { type: 'Unconfined' }))] },
  { level: 'baseline', name: 'selinuxoptions0', rule: 'selinux-custom', mutate: [(p) => (podSc(p).seLinuxOptions = { type: 'somevalue' })] },
  { level: 'baseline', name: 'selinuxoptions1', rule: 'selinux-custom', mutate: [each((c) => (sc(c).seLinuxOptions = { user: 'somevalue' }))] },
  { level: 'baseline', name: 'selinuxoptions2', rule: 'selinux-custom', mutate: [each((c) => (sc(c).seLinuxOptions = { role: 'somevalue' }))] },
  { level: 'baseline', name: 'procmount0', rule: 'proc-mount-unmasked', mutate: [each((c) => (sc(c).procMount = 'Unmasked'))] },
  { level: 'baseline', name: 'seccompprofile_baseline0', rule: 'seccomp-profile', mutate: [(p) => (podSc(p).seccompProfile = { type: 'Unconfined' })] },
  { level: 'baseline', name: 'seccompprofile_baseline1', rule: 'seccomp-profile', mutate: [each((c) => (sc(c).seccompProfile = { type: 'Unconfined' }))] },
  { level: 'baseline', name: 'sysctls0', rule: 'unsafe-sysctl', mutate: [(p) => (podSc(p).sysctls = [{ name: 'othersysctl', value: 'other' }])] },
  { level: 'baseline', name: 'windowshostprocess0', rule: 'windows-host-process', mutate: [(p) => ((p.spec.hostNetwork = true), (podSc(p).windowsOptions = { hostProcess: true }))] },
  { level: 'baseline', name: 'windowshostprocess1', rule: 'windows-host-process', mutate: [each((c) => (sc(c).windowsOptions = { hostProcess: true }))] },
  { level: 'baseline', name: 'hostprobesandhostlifecycle0', rule: 'probe-host-field', mutate: [each((c) => (c.livenessProbe = { httpGet: { port: 8080, host: 'bad.host' } }))] },
  { level: 'baseline', name: 'hostprobesandhostlifecycle1', rule: 'probe-host-field', mutate: [each((c) => (c.lifecycle = { postStart: { tcpSocket: { port: 8080, host: '10.0.0.1' } } }))] },
  { level: 'restricted', name: 'allowprivilegeescalation0', rule: 'privilege-escalation-allowed', mutate: [each((c) => delete sc(c).allowPrivilegeEscalation)] },
  { level: 'restricted', name: 'allowprivilegeescalation1', rule: 'privilege-escalation-allowed', mutate: [each((c) => (sc(c).allowPrivilegeEscalation = true))] },
  { level: 'restricted', name: 'runasnonroot0', rule: 'run-as-root', mutate: [(p) => delete podSc(p).runAsNonRoot] },
  { level: 'restricted', name: 'runasnonroot1', rule: 'run-as-root', mutate: [(p) => (podSc(p).runAsNonRoot = false)] },
  { level: 'restricted', name: 'runasnonroot2', rule: 'run-as-root', mutate: [each((c) => (sc(c).runAsNonRoot = false))] },
  { level: 'restricted', name: 'runasuser0', rule: 'run-as-root', mutate: [(p) => (podSc(p).runAsUser = 0)] },
  { level: 'restricted', name: 'runasuser1', rule: 'run-as-root', mutate: [each((c) => (sc(c).runAsUser = 0))] },
  { level: 'restricted', name: 'seccompprofile_restricted0', rule: 'seccomp-profile', mutate: [(p) => delete podSc(p).seccompProfile] },
  { level: 'restricted', name: 'capabilities_restricted0', rule: 'capabilities-not-dropped', mutate: [each((c) => delete sc(c).capabilities)] },
  { level: 'restricted', name: 'capabilities_restricted1', rule: 'capabilities-not-dropped', mutate: [each((c) => (sc(c).capabilities.drop = ['NET_RAW']))] },
  { level: 'restricted', name: 'capabilities_restricted2', rule: 'capabilities-added', mutate: [each((c) => (sc(c).capabilities.add = ['CHOWN']))] },
  { level: 'restricted', name: 'restrictedvolumes0', rule: 'volume-type-restricted', mutate: [(p) => (p.spec.volumes = [{ name: 'nfs', nfs: { server: 'nfs.local', path: '/' } }])] },
  { level: 'restricted', name: 'restrictedvolumes1', rule: 'volume-type-restricted', mutate: [(p) => (p.spec.volumes = [{ name: 'host', hostPath: { path: '/a' } }])] },
  { level: 'restricted', name: 'procmount_restricted0', rule: 'proc-mount-unmasked', mutate: [(p) => (p.spec.hostUsers = false), each((c) => (sc(c).procMount = 'Unmasked'))] },
];

/** Fail cases whose violation sits in containers: each must also be caught on an ephemeral container alone. */
const perContainer = new Set(fail.filter((c) => c.mutate.length === 1 && c.mutate[0].perContainer).map((c) => c.name));

test('PSS conformance: restricted pass pods get no finding from any PSS-derived rule', () => {
  // The pods are linted for real: the untagged pause image is reported by a non-PSS rule.
  assert.ok(lint(build('base', true)).some((f) => f.rule === 'image-tag-mutable'));
  for (const c of restrictedPass) {
    const text = build(c.name, true, withEphemeral(true), ...c.mutate);
    const f = restrictedFindings(lint(text));
    assert.deepEqual(f.map((x) => `${x.rule}: ${x.message}`), [], `restricted pass pod ${c.name}:\n${text}`);
  }
});

test('PSS conformance: baseline pass pods (the minimal pod, user-namespace relaxations) get no baseline-level finding', () => {
  const baselinePass: Case[] = [
    { name: 'base', mutate: [] },
    { name: 'procmount_usernamespace', mutate: [(p) => (p.spec.hostUsers = false), each((c) => (sc(c).procMount = 'Unmasked'))] },
    { name: 'capabilities_baselineadds', mutate: [each((c) => (sc(c).capabilities = { add: ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'] }))] },
    { name: 'seccomp_unset', mutate: [] },
    ...restrictedPass.filter((c) => !['windows'].includes(c.name)),
  ];
  for (const c of baselinePass) {
    const text = build(c.name, false, withEphemeral(false), ...c.mutate);
    const f = baselineViolations(lint(text));
    assert.deepEqual(f.map((x) => `${x.rule}: ${x.message}`), [], `baseline pass pod ${c.name}:\n${text}`);
  }
});

test('PSS conformance: each fail pod produces its rule (restricted base, and baseline base for baseline checks)', () => {
  for (const c of fail) {
    const bases = c.level === 'baseline' ? [true, false] : [true];
    for (const restricted of bases) {
      const text = build(c.name, restricted, ...c.mutate);
      const f = lint(text, { config: c.version ? { kubernetesVersion: c.version } : undefined }).filter((x) => x.rule === c.rule);
      assert.ok(f.length > 0, `${c.level} fail pod ${c.name} (${restricted ? 'restricted' : 'baseline'} base) did not produce ${c.rule}:\n${text}`);
      if (c.level === 'baseline' && !['capabilities_baseline1', 'capabilities_baseline2'].includes(c.name)) {
        assert.ok(baselineViolations(f).length > 0, `${c.name}: ${c.rule} fired only at a restricted-level severity`);
      }
    }
  }
});

test('PSS conformance: per-container violations are found on an ephemeral container alone', () => {
  assert.ok(perContainer.size >= 15, `only ${perContainer.size} per-container cases`);
  for (const c of fail) {
    if (!perContainer.has(c.name)) continue;
    const pod = basePod(c.name, true);
    pod.spec.ephemeralContainers = [container('ephemeralcontainer1', true)];
    const only: Mutation = (p) => {
      const saved = { containers: p.spec.containers, initContainers: p.spec.initContainers };
      p.spec.containers = [];
      p.spec.initContainers = [];
      for (const m of c.mutate) m(p);
      Object.assign(p.spec, saved);
    };
    only(pod);
    const f = lint(stringify(pod)).filter((x) => x.rule === c.rule);
    assert.ok(f.length > 0, `${c.name} on an ephemeral container did not produce ${c.rule}`);
    assert.ok(f.every((x) => /ephemeralcontainer1/.test(x.message)), `${c.name}: ${f.map((x) => x.message).join('; ')}`);
  }
});

test('PSS conformance: version-dependent checks follow the target version', () => {
  const probe = build('hostprobes', true, each((c) => (c.readinessProbe = { tcpSocket: { port: 80, host: 'example.com' } })));
  assert.equal(lint(probe, { config: { kubernetesVersion: '1.33' } }).filter((f) => f.rule === 'probe-host-field').length, 0);
  assert.ok(lint(probe, { config: { kubernetesVersion: '1.34' } }).some((f) => f.rule === 'probe-host-field'));
  const userns = build('runasuser_usernamespace', true, (p) => ((p.spec.hostUsers = false), (podSc(p).runAsUser = 0), delete podSc(p).runAsNonRoot));
  assert.equal(lint(userns).filter((f) => f.rule === 'run-as-root').length, 0);
  assert.ok(lint(userns, { config: { kubernetesVersion: '1.34' } }).some((f) => f.rule === 'run-as-root'));
  const engine = build('selinux_engine', true, (p) => (podSc(p).seLinuxOptions = { type: 'container_engine_t' }));
  assert.equal(lint(engine).filter((f) => f.rule === 'selinux-custom').length, 0);
  assert.ok(lint(engine, { config: { kubernetesVersion: '1.30' } }).some((f) => f.rule === 'selinux-custom'));
});

/** Official fixtures, when a checkout is available: file name = lowercased check id + index. */
const CHECK_RULES: Record<string, string[]> = {
  hostnamespaces: ['host-namespace'],
  privileged: ['privileged-container'],
  capabilities_baseline: ['capabilities-added'],
  hostpathvolumes: ['host-path-volume'],
  hostports: ['host-port'],
  apparmorprofile: ['apparmor-unconfined'],
  selinuxoptions: ['selinux-custom'],
  procmount: ['proc-mount-unmasked'],
  procmount_baseline: ['proc-mount-unmasked'],
  procmount_restricted: ['proc-mount-unmasked'],
  seccompprofile_baseline: ['seccomp-profile'],
  sysctls: ['unsafe-sysctl'],
  windowshostprocess: ['windows-host-process'],
  hostprobesandhostlifecycle: ['probe-host-field'],
  hostprobesandhostlifecyclehooks: ['probe-host-field'],
  restrictedvolumes: ['volume-type-restricted', 'host-path-volume'],
  allowprivilegeescalation: ['privilege-escalation-allowed'],
  runasnonroot: ['run-as-root'],
  runasuser: ['run-as-root'],
  seccompprofile_restricted: ['seccomp-profile'],
  capabilities_restricted: ['capabilities-added', 'capabilities-not-dropped'],
};

const official = process.env.PSA_TESTDATA;
test('PSS conformance: official pod-security-admission fixtures (PSA_TESTDATA)', { skip: !official || !fs.existsSync(official) ? 'PSA_TESTDATA not set' : false }, () => {
  for (const level of ['baseline', 'restricted'] as const) {
    const dir = path.join(official!, level, 'v1.35');
    for (const outcome of ['pass', 'fail']) {
      const sub = path.join(dir, outcome);
      if (!fs.existsSync(sub)) continue;
      for (const file of fs.readdirSync(sub).filter((f) => f.endsWith('.yaml'))) {
        const text = fs.readFileSync(path.join(sub, file), 'utf8');
        const found = lint(text);
        if (outcome === 'pass') {
          const bad = level === 'restricted' ? restrictedFindings(found) : baselineViolations(found);
          assert.deepEqual(bad.map((x) => `${x.rule}: ${x.message}`), [], `${level}/${outcome}/${file}`);
        } else {
          const check = file.replace(/\d+\.yaml$/, '');
          const rules = CHECK_RULES[check];
          if (!rules) continue;
          assert.ok(found.some((x) => rules.includes(x.rule)), `${level}/${outcome}/${file} did not produce ${rules.join(' or ')}`);
        }
      }
    }
  }
});
