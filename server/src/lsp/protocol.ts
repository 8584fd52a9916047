/** Custom requests and notifications between the Daytwo client and server, namespaced `daytwo/...`. */

import type { Category, Range, Severity } from '../engine/types';

export const READINESS_REQUEST = 'daytwo/readiness';
export const SCAN_WORKSPACE_REQUEST = 'daytwo/scanWorkspace';
export const FIX_ALL_WORKSPACE_REQUEST = 'daytwo/fixAllWorkspace';
export const STATUS_NOTIFICATION = 'daytwo/status';

export interface ReadinessParams {
  /** Restrict to one workspace folder (URI); all folders when omitted. */
  folder?: string;
}

export interface ReadinessFinding {
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  range: Range;
  rationale: string;
  docUrl: string;
  fixable: boolean;
}

export interface ReadinessWorkload {
  uri: string;
  range: Range;
  kind: string;
  name: string;
  namespace: string;
  score: number;
  /** Requested CPU (cores) and memory (bytes) of one replica, and the replica count, for reports. */
  resources: { cpu: number; memory: number; replicas: number };
  counts: { byCategory: Partial<Record<Category, number>>; bySeverity: Record<Severity, number> };
  findings: ReadinessFinding[];
}

export interface ReadinessResult {
  workloads: ReadinessWorkload[];
  totals: {
    score: number;
    workloads: number;
    files: number;
    findings: number;
    byCategory: Partial<Record<Category, number>>;
    bySeverity: Record<Severity, number>;
  };
  /** True while the background workspace scan is still running. */
  scanning: boolean;
}

export interface StatusParams {
  state: 'scanning' | 'ready';
  files: number;
  total?: number;
}
