import { containers } from '../../engine/workload';
import { defineRule } from '../types';

export default defineRule({
  id: 'probe-on-job',
  category: 'probes',
  severity: 'info',
  description: 'A Job or CronJob container has a readinessProbe (or a startupProbe without liveness), which does nothing useful for a run-to-completion pod.',
  rationale:
    'Nothing routes traffic to a Job\'s pod, so readiness is meaningless there, and a startupProbe only gates a livenessProbe. They add kubelet work and suggest the manifest was copied from a Deployment. A livenessProbe on a long job is legitimate (it restarts a hung run) and is not reported; activeDeadlineSeconds bounds the whole Job.',
  fix: 'Removes the probe.',
  appliesTo: ['Job', 'CronJob'],
  runsOnPatches: true,
  check({ object, report }) {
    if (object.kind !== 'Job' && object.kind !== 'CronJob') return;
    // Native sidecars in a Job are long-running helpers: their probes are legitimate.
    for (const c of containers(object)) {
      const pointless: string[] = [];
      if (c.container.readinessProbe !== undefined) pointless.push('readinessProbe');
      if (c.container.startupProbe !== undefined && c.container.livenessProbe === undefined) pointless.push('startupProbe');
      for (const kind of pointless) {
        const path = [...c.path, kind];
        report({
          path,
          message:
            kind === 'readinessProbe'
              ? `Container '${c.name}' of ${object.display} has a readinessProbe, but a Job's pod serves no traffic: readiness has no effect.`
              : `Container '${c.name}' of ${object.display} has a startupProbe but no livenessProbe: a startupProbe only holds liveness checks off, so here it has no effect.`,
          fix: { title: `Remove the ${kind} from container '${c.name}'`, ops: [{ op: 'remove', path }], preferred: true },
        });
      }
    }
  },
});
