import { asArray, asString, isDict } from '../../engine/object';
import { containers } from '../../engine/workload';
import { LINKERD_DEFAULT_OPAQUE_PORTS, parsePortList, SERVER_FIRST_PORT_NAME, SERVER_FIRST_PORTS } from '../../mesh/catalog';
import { injectionOf, podPlace } from '../../mesh/injection';
import { defineRule } from '../types';

const OPAQUE = 'config.linkerd.io/opaque-ports';
const SKIP = 'config.linkerd.io/skip-inbound-ports';
const DEFAULT_SKIP = '4567,4568';

export default defineRule({
  id: 'mesh-opaque-port',
  category: 'mesh',
  severity: 'warning',
  description: "A Linkerd-injected pod serves a server-speaks-first port (SMTP, MySQL, PostgreSQL, Redis, Memcached, NATS, …) that is not in its effective opaque-ports list.",
  rationale:
    "Linkerd detects the protocol by waiting for the client's first bytes. For protocols where the server talks first, both sides wait until detection times out (10 seconds) and the connection then fails or crawls. Linkerd marks the usual ports opaque by default, but a config.linkerd.io/opaque-ports annotation replaces that default list rather than adding to it.",
  fix: 'Adds the port to the pod template\'s config.linkerd.io/opaque-ports (keeping the list currently in effect).',
  appliesTo: 'workload',
  crossResource: true,
  peers: ['linkerd check (opaque ports)'],
  check({ object, index, report }) {
    const inj = injectionOf(object, index);
    const pod = podPlace(object);
    if (!inj?.linkerd.on || inj.hostNetwork || !pod) return;
    const nsAnn = inj.namespace?.annotations ?? {};
    const podOpaque = asString(pod.annotations[OPAQUE]);
    const nsOpaque = nsAnn[OPAQUE];
    const effective = podOpaque ?? nsOpaque ?? LINKERD_DEFAULT_OPAQUE_PORTS.join(',');
    const source = podOpaque !== undefined ? 'its own config.linkerd.io/opaque-ports' : nsOpaque !== undefined ? `${inj.namespace!.display}'s config.linkerd.io/opaque-ports` : "Linkerd's default opaque ports";
    const opaque = parsePortList(effective);
    const skipped = parsePortList(asString(pod.annotations[SKIP]) ?? nsAnn[SKIP] ?? DEFAULT_SKIP);
    const added: number[] = [];
    for (const c of containers(object, { sidecars: true })) {
      asArray(c.container.ports).forEach((p, i) => {
        if (!isDict(p) || typeof p.containerPort !== 'number') return;
        if (p.protocol === 'UDP' || p.protocol === 'SCTP') return;
        const port = p.containerPort;
        const name = asString(p.name);
        const proto = SERVER_FIRST_PORTS[port] ?? (name && SERVER_FIRST_PORT_NAME.test(name) ? name.split('-')[0] : undefined);
        if (!proto) return;
        if (opaque.covers(port, name) || skipped.covers(port, name)) return;
        const list = [...effective.split(',').map((x) => x.trim()).filter(Boolean), ...added.map(String), String(port)];
        added.push(port);
        const path = [...pod.path, 'annotations', OPAQUE];
        report({
          path: [...c.path, 'ports', i, 'containerPort'],
          target: 'pair',
          message: `Container '${c.name}' of ${object.display} serves ${proto} on port ${port}, which is not opaque under ${source}: Linkerd's protocol detection waits for the client while the server waits too, so connections stall.`,
          fix: { title: `Add port ${port} to ${OPAQUE}`, ops: [{ op: 'set', path, value: list.join(',') }], preferred: true },
        });
      });
    }
  },
});
