/** Reading probes: which handler, which port, and the probe with the API's defaults applied. */

import { asArray, asDict, isDict, type Dict } from '../../engine/object';
import type { Path } from '../../engine/types';
import { declaredPorts, type ContainerRef } from '../../engine/workload';

export const PROBE_KINDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];
export const PORT_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/** Timing defaults of core/v1 Probe. */
export const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 } as const;

export interface ProbeRef {
  kind: ProbeKind;
  probe: Dict;
  path: Path;
}

export function probesOf(c: ContainerRef): ProbeRef[] {
  return PROBE_KINDS.filter((k) => isDict(c.container[k])).map((k) => ({ kind: k, probe: c.container[k] as Dict, path: [...c.path, k] }));
}

/** A named port resolved to its number through the container's ports; numbers and unknown names as they are. */
export function resolvePort(c: ContainerRef, port: unknown): unknown {
  if (typeof port === 'string') {
    const n = declaredPorts(c.container).names.get(port);
    if (n !== undefined) return n;
    if (/^\d+$/.test(port)) return Number(port);
  }
  return port;
}

/** The probe as the kubelet runs it: handler with defaults and named ports resolved, timing with defaults. */
export function normalizedProbe(c: ContainerRef, probe: Dict): Dict {
  const out: Dict = {};
  if (isDict(probe.httpGet)) {
    const h = probe.httpGet;
    out.httpGet = {
      path: h.path ?? '/',
      port: resolvePort(c, h.port),
      host: h.host ?? '',
      scheme: h.scheme ?? 'HTTP',
      httpHeaders: asArray(h.httpHeaders).map((x) => [asDict(x).name, asDict(x).value]).sort(),
    };
  } else if (isDict(probe.tcpSocket)) {
    out.tcpSocket = { port: resolvePort(c, probe.tcpSocket.port), host: probe.tcpSocket.host ?? '' };
  } else if (isDict(probe.grpc)) {
    out.grpc = { port: resolvePort(c, probe.grpc.port), service: probe.grpc.service ?? '' };
  } else if (isDict(probe.exec)) {
    out.exec = { command: asArray(probe.exec.command) };
  }
  for (const [k, d] of Object.entries(PROBE_DEFAULTS)) out[k] = probe[k] ?? d;
  return out;
}

/** Structural equality for plain data, whatever the order of mapping keys. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (!isDict(a) || !isDict(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameData(a[k], b[k]));
}
