/** Which YAML files Daytwo analyses, decided by content and place, never by file name patterns alone. */

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Kustomize's own file: not a Kubernetes object, but it tells which files are partial patches. */
export function isKustomizationFile(filePath: string): boolean {
  return /^(kustomization|Kustomization)\.ya?ml$/.test(path.basename(filePath));
}

export function isConfigFile(filePath: string): boolean {
  return /^\.daytwo\.ya?ml$/.test(path.basename(filePath));
}

export function isYamlPath(filePath: string): boolean {
  return /\.ya?ml$/i.test(filePath);
}

const chartDirCache = new Map<string, boolean>();

function hasChartYaml(dir: string): boolean {
  let v = chartDirCache.get(dir);
  if (v === undefined) {
    try {
      v = fs.existsSync(path.join(dir, 'Chart.yaml'));
    } catch {
      v = false;
    }
    if (chartDirCache.size > 10_000) chartDirCache.clear();
    chartDirCache.set(dir, v);
  }
  return v;
}

/**
 * Helm templates are Go templates that render to YAML: until rendered they are not manifests, so
 * Daytwo reports nothing on them. A file is one when it contains `{{`, or sits under a chart's
 * `templates/` directory (a `templates` directory whose parent holds Chart.yaml).
 */
export function isHelmTemplate(filePath: string | undefined, text: string): boolean {
  if (text.includes('{{')) return true;
  if (!filePath) return false;
  const parts = path.resolve(filePath).split(path.sep);
  for (let i = parts.length - 2; i > 0; i--) {
    if (parts[i] === 'templates' && hasChartYaml(parts.slice(0, i).join(path.sep) || path.sep)) return true;
  }
  return false;
}

/**
 * Cheap pre-check on raw text: does any document in it look like a Kubernetes object? Used to decide
 * whether a file that does not parse deserves a yaml-syntax diagnostic (a broken compose file does not).
 * The text may come in pieces that start and end at line boundaries (an edited file's documents, so
 * that the whole text is not read): each line is in one piece.
 */
export function mentionsKubernetes(pieces: readonly string[]): boolean {
  return pieces.some((t) => /^\s*apiVersion\s*:/m.test(t)) && pieces.some((t) => /^\s*kind\s*:/m.test(t));
}

/** Binary content renamed `.yaml`: NUL bytes never occur in YAML text. */
export function looksBinary(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * Configuration files of Kubernetes tools that look like objects (a string apiVersion and kind) but
 * are never applied to a cluster: kubeconfig, kind, kubeadm, kubelet and other component configs,
 * skaffold, k3d, kpt. Daytwo reports nothing on them.
 */
const TOOL_CONFIG_API = /^(kind\.x-k8s\.io|kubeadm\.k8s\.io|skaffold|k3d\.io|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io|kubescheduler\.config\.k8s\.io|controllermanager\.config\.k8s\.io|apiserver\.config\.k8s\.io|apiserver\.k8s\.io|audit\.k8s\.io|client\.authentication\.k8s\.io|pod-security\.admission\.config\.k8s\.io|eventratelimit\.admission\.k8s\.io|kpt\.dev|fn\.kpt\.dev|config\.kubernetes\.io|ctlptl\.dev|kustomize\.config\.k8s\.io)\//;

export function isToolConfig(apiVersion: string, kind: string): boolean {
  return TOOL_CONFIG_API.test(apiVersion) || (apiVersion === 'v1' && kind === 'Config');
}
