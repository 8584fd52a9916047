import { isDict } from '../../engine/object';
import { containers } from '../../engine/workload';
import { defineRule } from '../types';
import { PROBE_DEFAULTS, probesOf } from './probeUtil';

const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);

export default defineRule({
  id: 'probe-timing',
  category: 'probes',
  severity: 'warning',
  description: 'A probe times out no sooner than its next run (timeoutSeconds >= periodSeconds), or a liveness probe waits more than 60s instead of using a startupProbe.',
  rationale:
    'With timeoutSeconds at or above periodSeconds the kubelet starts the next check before the last one gave up, so a slow endpoint counts failures faster than intended. A long liveness initialDelaySeconds covers slow starts badly: too short and the pod is killed while starting, too long and a hung pod stays alive that long after every restart. A startupProbe holds liveness off only until the app is up.',
  appliesTo: 'workload',
  runsOnPatches: true,
  options: [{ name: 'maxInitialDelaySeconds', description: 'Liveness initialDelaySeconds above which a startupProbe is suggested.', default: 60 }],
  check({ object, options, report }) {
    const maxDelay = typeof options.maxInitialDelaySeconds === 'number' ? options.maxInitialDelaySeconds : 60;
    for (const c of containers(object, { sidecars: true })) {
      for (const p of probesOf(c)) {
        const timeout = num(p.probe.timeoutSeconds, PROBE_DEFAULTS.timeoutSeconds);
        const period = num(p.probe.periodSeconds, PROBE_DEFAULTS.periodSeconds);
        if (timeout >= period && (p.probe.timeoutSeconds !== undefined || p.probe.periodSeconds !== undefined)) {
          const at = p.probe.timeoutSeconds !== undefined ? 'timeoutSeconds' : 'periodSeconds';
          report({
            path: [...p.path, at],
            target: 'pair',
            message: `The ${p.kind} of container '${c.name}' in ${object.display} has timeoutSeconds ${timeout} >= periodSeconds ${period}: a check is still running when the next one starts. Keep the timeout below the period.`,
          });
        }
      }
      const live = c.container.livenessProbe;
      if (isDict(live) && typeof live.initialDelaySeconds === 'number' && live.initialDelaySeconds > maxDelay && !isDict(c.container.startupProbe)) {
        report({
          path: [...c.path, 'livenessProbe', 'initialDelaySeconds'],
          target: 'pair',
          message: `The livenessProbe of container '${c.name}' in ${object.display} waits ${live.initialDelaySeconds}s before its first check: add a startupProbe for the slow start instead, so liveness can react quickly once the app is up.`,
        });
      }
    }
  },
});
