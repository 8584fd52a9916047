import { versionAtLeast } from '../../engine/config';
import { asArray, asString, type Dict } from '../../engine/object';
import type { Fix, Path } from '../../engine/types';
import { allContainers, podTemplatePath } from '../../engine/workload';
import { injectionOf, podPlace, type MetadataPlace } from '../../mesh/injection';
import { defineRule } from '../types';

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Linkerd's native-sidecar switch by precedence: pod new > pod beta > pod alpha > namespace new > namespace alpha. */
const LINKERD_NATIVE_KEYS = ['config.linkerd.io/proxy-enable-native-sidecar', 'config.beta.linkerd.io/proxy-enable-native-sidecar', 'config.alpha.linkerd.io/proxy-enable-native-sidecar'];
const LINKERD_NATIVE_NS_KEYS = ['config.linkerd.io/proxy-enable-native-sidecar', 'config.alpha.linkerd.io/proxy-enable-native-sidecar'];

interface Switch {
  value: boolean;
  /** Path when the deciding key is in the pod template. */
  path?: Path;
  key: string;
}

function goBool(v: unknown): boolean | undefined {
  const s = typeof v === 'boolean' ? String(v) : asString(v);
  if (s === undefined) return undefined;
  return GO_TRUE.has(s) ? true : GO_FALSE.has(s) ? false : undefined;
}

function linkerdNative(pod: MetadataPlace, nsAnnotations: Record<string, string>): Switch | undefined {
  for (const key of LINKERD_NATIVE_KEYS) {
    const b = goBool(pod.annotations[key]);
    if (b !== undefined) return { value: b, path: [...pod.path, 'annotations', key], key };
  }
  for (const key of LINKERD_NATIVE_NS_KEYS) {
    const b = goBool(nsAnnotations[key]);
    if (b !== undefined) return { value: b, key };
  }
  return undefined;
}

function istioNative(pod: MetadataPlace): Switch | undefined {
  const key = 'sidecar.istio.io/nativeSidecar';
  const v = pod.annotations[key];
  const s = typeof v === 'boolean' ? String(v) : asString(v);
  if (s !== 'true' && s !== 'false') return undefined;
  return { value: s === 'true', path: [...pod.path, 'annotations', key], key };
}

/** Commands that end the proxy when the job's work is done. */
function text(c: Dict): string {
  return [...asArray(c.command), ...asArray(c.args)].filter((x) => typeof x === 'string').join(' ');
}

export default defineRule({
  id: 'mesh-job-sidecar',
  category: 'mesh',
  severity: 'warning',
  description: 'A Job or CronJob is meshed with a classic (non-native) sidecar proxy and nothing stops the proxy: the Job never completes.',
  rationale:
    'A Job completes when all its containers exit, but a classic sidecar proxy runs forever, so the Job hangs, never reports success and its CronJob piles up. Native sidecars (Istio sidecar.istio.io/nativeSidecar, default in Istio 1.28+ on Kubernetes 1.33+; Linkerd config.linkerd.io/proxy-enable-native-sidecar, default in 2.20) stop with the job; older setups must call the proxy\'s shutdown endpoint.',
  fix: 'When native sidecars are switched off on the pod, switches them on.',
  options: [
    { name: 'istioVersion', description: 'Istio version of the target cluster; before 1.28 native sidecars are off unless requested.', default: '1.28' },
    { name: 'linkerdVersion', description: 'Linkerd version of the target cluster; before 2.20 native sidecars are off unless requested.', default: '2.20' },
  ],
  appliesTo: ['Job', 'CronJob'],
  crossResource: true,
  check({ object, index, options, kubernetesVersion, report }) {
    if (object.kind !== 'Job' && object.kind !== 'CronJob') return;
    const inj = injectionOf(object, index);
    const pod = podPlace(object);
    if (!inj || !pod || inj.hostNetwork) return;
    const commands = allContainers(object).map((c) => text(c.container)).join('\n');
    const istioVersion = String(options.istioVersion ?? '1.28');
    const linkerdVersion = String(options.linkerdVersion ?? '2.20');
    const tmplPath = podTemplatePath(object) ?? ['spec'];

    if (inj.istio.on && !/quitquitquit/.test(commands)) {
      const sw = istioNative(pod);
      // ENABLE_NATIVE_SIDECARS=auto (Istio 1.28+) turns native sidecars on when kubelets are 1.33+.
      const autoNative = versionAtLeast(istioVersion, '1.28') && versionAtLeast(kubernetesVersion, '1.33');
      const native = sw ? sw.value : autoNative;
      if (!native) {
        const why = sw ? `${sw.key}: "false" keeps the proxy a regular container` : `Istio ${istioVersion} on Kubernetes ${kubernetesVersion} injects a classic sidecar`;
        const fix: Fix | undefined = sw?.path ? { title: 'Inject the Istio proxy as a native sidecar', ops: [{ op: 'set', path: sw.path, value: 'true' }], preferred: true } : undefined;
        report({
          path: sw?.path ?? inj.istio.path ?? tmplPath,
          target: sw?.path || inj.istio.path ? 'pair' : 'key',
          message: `${object.display} is meshed by Istio (${inj.istio.because}) and ${why}: the proxy keeps running after the job's work, so the Job never completes. Use sidecar.istio.io/nativeSidecar: "true" or call the proxy's /quitquitquit endpoint at the end.`,
          fix,
        });
      }
    }
    if (inj.linkerd.on && !/linkerd-await[^\n]*--shutdown/.test(commands)) {
      const sw = linkerdNative(pod, inj.namespace?.annotations ?? {});
      const native = sw ? sw.value : versionAtLeast(linkerdVersion, '2.20');
      if (!native) {
        const why = sw ? `${sw.key}: "false" keeps the proxy a regular container` : `Linkerd ${linkerdVersion} injects a classic sidecar`;
        const fix: Fix | undefined = sw?.path ? { title: 'Inject the Linkerd proxy as a native sidecar', ops: [{ op: 'set', path: sw.path, value: 'true' }], preferred: true } : undefined;
        report({
          path: sw?.path ?? inj.linkerd.path ?? tmplPath,
          target: sw?.path || inj.linkerd.path ? 'pair' : 'key',
          message: `${object.display} is meshed by Linkerd (${inj.linkerd.because}) and ${why}: the proxy keeps running after the job's work, so the Job never completes. Use config.linkerd.io/proxy-enable-native-sidecar: "true" or wrap the command in linkerd-await --shutdown.`,
          fix,
        });
      }
    }
  },
});
