/** VS Code settings (`daytwo.*`) as a configuration layer under the workspace's `.daytwo.yaml`. */

import type { ConfigLayer, RuleSetting } from '../engine/config';
import { isDict } from '../engine/object';

export interface DaytwoSettings {
  enable?: boolean;
  kubernetesVersion?: string;
  rules?: Record<string, string>;
  exclude?: string[];
  maxFileSize?: number;
  maxDocuments?: number;
  maxAliasCount?: number;
  maxDepth?: number;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

export function settingsToLayer(raw: unknown): { enabled: boolean; layer: ConfigLayer } {
  const s = (isDict(raw) ? raw : {}) as DaytwoSettings;
  const layer: ConfigLayer = { limits: {} };
  if (typeof s.kubernetesVersion === 'string' && /^1\.\d{1,2}$/.test(s.kubernetesVersion)) layer.kubernetesVersion = s.kubernetesVersion;
  if (isDict(s.rules)) {
    layer.severities = {};
    for (const [id, v] of Object.entries(s.rules)) if (typeof v === 'string' && SEVERITIES.has(v)) layer.severities[id] = v as RuleSetting;
  }
  if (Array.isArray(s.exclude)) layer.ignore = s.exclude.filter((g): g is string => typeof g === 'string' && g !== '');
  for (const k of ['maxFileSize', 'maxDocuments', 'maxAliasCount', 'maxDepth'] as const) {
    const v = s[k];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) layer.limits![k] = v;
  }
  return { enabled: s.enable !== false, layer };
}
