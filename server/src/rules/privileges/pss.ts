/**
 * Facts of the Pod Security Standards shared by the privileges rules: allow-lists and how they
 * change with the policy version, and small readers for the fields PSS judges.
 */

import { versionAtLeast } from '../../engine/config';
import { asArray, asDict, asString, isDict, type K8sObject } from '../../engine/object';
import type { Path } from '../../engine/types';
import { isWindowsPod, podTemplate, type ContainerRef } from '../../engine/workload';

/** Capabilities PSS baseline lets a container add (exact spelling, as admission compares them). */
export const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** The name the container runtime uses: it accepts `cap_net_raw`, `CAP_NET_RAW` and `NET_RAW` alike. */
export function canonicalCapability(name: string): string {
  const up = name.trim().toUpperCase();
  return up.startsWith('CAP_') ? up.slice(4) : up;
}

/** Sysctls PSS baseline treats as safe (namespaced, cannot affect other pods), by the version that added them. */
const SAFE_SYSCTLS: readonly [string, string][] = [
  ['kernel.shm_rmid_forced', '1.0'],
  ['net.ipv4.ip_local_port_range', '1.0'],
  ['net.ipv4.tcp_syncookies', '1.0'],
  ['net.ipv4.ping_group_range', '1.0'],
  ['net.ipv4.ip_unprivileged_port_start', '1.0'],
  ['net.ipv4.ip_local_reserved_ports', '1.27'],
  ['net.ipv4.tcp_keepalive_time', '1.29'],
  ['net.ipv4.tcp_fin_timeout', '1.29'],
  ['net.ipv4.tcp_keepalive_intvl', '1.29'],
  ['net.ipv4.tcp_keepalive_probes', '1.29'],
  ['net.ipv4.tcp_rmem', '1.32'],
  ['net.ipv4.tcp_wmem', '1.32'],
  ['net.ipv4.tcp_slow_start_after_idle', '1.37'],
  ['net.ipv4.tcp_notsent_lowat', '1.37'],
];

/** The version from which PSS baseline allows a sysctl, or undefined if it never does. */
export function sysctlSafeSince(name: string): string | undefined {
  return SAFE_SYSCTLS.find(([n]) => n === name)?.[1];
}

export function safeSysctls(version: string): string[] {
  return SAFE_SYSCTLS.filter(([, since]) => versionAtLeast(version, since)).map(([n]) => n);
}

/** SELinux types PSS baseline allows (empty/unset is allowed too). */
export function allowedSelinuxTypes(version: string): string[] {
  const types = ['container_t', 'container_init_t', 'container_kvm_t'];
  if (versionAtLeast(version, '1.31')) types.push('container_engine_t');
  return types;
}

/** Volume sources PSS restricted allows. */
export const RESTRICTED_VOLUME_TYPES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

/** PSS restricted exempts Windows pods from the Linux-only checks (allowPrivilegeEscalation, seccomp, capabilities) from 1.25. */
export function windowsExempt(obj: K8sObject, version: string): boolean {
  return isWindowsPod(obj) && versionAtLeast(version, '1.25');
}

/** The container's own securityContext (never inherited). */
export function securityContext(c: ContainerRef): Record<string, unknown> {
  return asDict(c.container.securityContext);
}

export function scPath(c: ContainerRef, ...rest: (string | number)[]): Path {
  return [...c.path, 'securityContext', ...rest];
}

/** Pod-level securityContext and its path. */
export function podSecurity(obj: K8sObject): { sc: Record<string, unknown>; path: Path } | undefined {
  const pod = podTemplate(obj);
  if (!pod) return undefined;
  return { sc: asDict(pod.spec.securityContext), path: [...pod.specPath, 'securityContext'] };
}

/** Items of a string list with their index, skipping non-strings. */
export function stringItems(v: unknown): { value: string; index: number }[] {
  const out: { value: string; index: number }[] = [];
  asArray(v).forEach((x, index) => {
    if (typeof x === 'string') out.push({ value: x, index });
  });
  return out;
}

/** Which containers mount a volume, for messages ("mounted by 'app'"). */
export function mountersOf(containers: ContainerRef[], volume: string): string[] {
  return containers
    .filter((c) => asArray(c.container.volumeMounts).some((m) => isDict(m) && asString(m.name) === volume))
    .map((c) => `'${c.name}'`);
}
