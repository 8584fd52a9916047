import { closest } from '../../engine/config';
import { isDict } from '../../engine/object';
import type { Fix } from '../../engine/types';
import { containers, declaredPorts, type ContainerRef } from '../../engine/workload';
import { defineRule } from '../types';
import { PORT_HANDLERS, probesOf } from './probeUtil';

/** The declared port a wrong reference most likely means, and whether that is obvious. */
function replacement(c: ContainerRef, port: string | number): { value: string | number; obvious: boolean } | undefined {
  const { names, first } = declaredPorts(c.container);
  const declared = [...(Array.isArray(c.container.ports) ? c.container.ports : [])].filter(isDict);
  if (!first) return undefined;
  if (typeof port === 'string') {
    const near = closest(port, names.keys());
    if (near) return { value: near, obvious: true };
    if (declared.length === 1) return { value: first.name ?? first.port, obvious: true };
    return { value: first.name ?? first.port, obvious: false };
  }
  if (declared.length === 1) return { value: first.port, obvious: false };
  return { value: first.port, obvious: false };
}

export default defineRule({
  id: 'probe-port-unknown',
  category: 'probes',
  severity: 'error',
  description: "A probe's httpGet/tcpSocket/grpc port is not one of the container's declared ports (error for a name, info for a number).",
  rationale:
    "A probe on a named port the container does not declare can never succeed: the pod never becomes ready, or its liveness probe restarts it forever. A number that is not declared may be fine (apps can listen on undeclared ports) but is often a leftover from a port change.",
  fix: 'Changes the probe to the declared port: the closest name, the only port, or else the first declared one.',
  appliesTo: 'workload',
  runsOnPatches: true,
  check({ object, report }) {
    for (const c of containers(object, { sidecars: true })) {
      const { names, numbers } = declaredPorts(c.container);
      for (const p of probesOf(c)) {
        for (const h of PORT_HANDLERS) {
          const handler = p.probe[h];
          if (!isDict(handler)) continue;
          const port = handler.port;
          const path = [...p.path, h, 'port'];
          const isName = typeof port === 'string' && !/^\d+$/.test(port);
          if (isName) {
            if (names.has(port)) continue;
            const r = replacement(c, port);
            const fix: Fix | undefined = r ? { title: `Change the ${p.kind} port to ${fmt(r.value)}`, ops: [{ op: 'set', path, value: r.value }], preferred: r.obvious, safe: r.obvious } : undefined;
            report({
              path,
              target: 'value',
              message: `The ${p.kind} of container '${c.name}' in ${object.display} uses port '${port}', which the container does not declare${names.size ? ` (it declares ${[...names.keys()].map((n) => `'${n}'`).join(', ')})` : ''}: the probe can never succeed.`,
              fix,
            });
          } else if (typeof port === 'number' || typeof port === 'string') {
            const n = Number(port);
            // Containers that declare no ports at all say nothing about where they listen.
            if (numbers.size === 0 || numbers.has(n)) continue;
            const r = replacement(c, n);
            report({
              path,
              target: 'value',
              severity: 'info',
              message: `The ${p.kind} of container '${c.name}' in ${object.display} checks port ${n}, which is not among its declared ports (${[...numbers].join(', ')}); make sure the app listens there.`,
              fix: r ? { title: `Change the ${p.kind} port to ${fmt(r.value)}`, ops: [{ op: 'set', path, value: r.value }], preferred: false, safe: false } : undefined,
            });
          }
        }
      }
    }
  },
});

function fmt(v: string | number): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}
