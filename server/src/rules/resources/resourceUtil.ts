/** Container resources as the API server and LimitRange admission complete them. */

import { asArray, asDict, isDict, type K8sObject } from '../../engine/object';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { containers, type ContainerRef } from '../../engine/workload';

/**
 * The containers whose resources matter for scheduling and for the node: regular containers and
 * native sidecars (they run for the pod's life and their requests are added to the pod's).
 * Plain init containers run one at a time before the app and only count through their maximum;
 * ephemeral containers cannot declare resources.
 */
export function resourceContainers(obj: K8sObject): ContainerRef[] {
  return containers(obj, { sidecars: true });
}

export function requestsOf(c: ContainerRef): Record<string, unknown> {
  return asDict(asDict(c.container.resources).requests);
}
export function limitsOf(c: ContainerRef): Record<string, unknown> {
  return asDict(asDict(c.container.resources).limits);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** Is a request for `res` in effect: written, or defaulted by the API from the limit? */
export function hasRequest(c: ContainerRef, res: string): boolean {
  return present(requestsOf(c)[res]) || present(limitsOf(c)[res]);
}

export function hasLimit(c: ContainerRef, res: string): boolean {
  return present(limitsOf(c)[res]);
}

/** The LimitRange in the object's namespace that fills a container default for `res`, if any. */
export function limitRangeDefault(index: WorkspaceIndex, obj: K8sObject, res: string, which: 'request' | 'limit'): K8sObject | undefined {
  for (const lr of index.ofKind('LimitRange', obj.effectiveNamespace)) {
    for (const item of asArray(lr.spec.limits)) {
      if (!isDict(item) || item.type !== 'Container') continue;
      const dflt = asDict(item.default)[res];
      const dfltReq = asDict(item.defaultRequest)[res];
      if (which === 'limit' ? present(dflt) : present(dfltReq) || present(dflt)) return lr;
    }
  }
  return undefined;
}
