/** The probe a careful engineer would add by hand: on the first declared port, HTTP when the port says so. */

import type { ContainerRef } from '../../engine/workload';
import { declaredPorts } from '../../engine/workload';
import type { Fix } from '../../engine/types';

const HTTPISH = /^(http|https|web|metrics|api|admin|health)([-_]|$)|http/i;

export function probeFor(c: ContainerRef, kind: 'readinessProbe' | 'livenessProbe'): Record<string, unknown> | undefined {
  const { first } = declaredPorts(c.container);
  if (!first) return undefined;
  const port = first.name ?? first.port;
  const handler = first.name && HTTPISH.test(first.name) ? { httpGet: { path: kind === 'readinessProbe' ? '/ready' : '/healthz', port } } : { tcpSocket: { port } };
  return kind === 'readinessProbe'
    ? { ...handler, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 }
    : { ...handler, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 3 };
}

/** Undefined when the container declares no port: there is nothing sensible to probe. */
export function probeFixFor(c: ContainerRef, kind: 'readinessProbe' | 'livenessProbe'): Fix | undefined {
  const probe = probeFor(c, kind);
  if (!probe) return undefined;
  const how = 'httpGet' in probe ? 'an HTTP' : 'a TCP';
  return {
    title: `Add ${how} ${kind} to container '${c.name}'`,
    ops: [{ op: 'set', path: [...c.path, kind], value: probe }],
    preferred: true,
  };
}
