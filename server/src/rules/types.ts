/**
 * What a rule is: data (id, category, severity, docs) plus a small check function. Docs, the CLI's
 * `rules` listing, SARIF metadata and the README table are all generated from these fields.
 */

import type { K8sObject } from '../engine/object';
import type { WorkspaceIndex } from '../engine/workspaceIndex';
import type { Category, Fix, Path, Severity, Target } from '../engine/types';
import type { ParseProblem } from '../engine/parse';

export interface RuleOptionDoc {
  name: string;
  description: string;
  default: unknown;
}

export interface RuleMeta {
  /** Stable id: the diagnostic code, the CLI's `rule`, the SARIF ruleId and the doc page name. */
  id: string;
  category: Category;
  /** Default severity. A rule may report some findings at another severity (e.g. error for docker.sock). */
  severity: Severity;
  /** Off unless the configuration turns it on. */
  defaultOff?: boolean;
  /** One line: what it detects. */
  description: string;
  /** Why it matters in production: a short paragraph shown on hover and in the docs. */
  rationale: string;
  /** What the quick-fix does, when the rule has one. */
  fix?: string;
  /** Options the rule reads from `.daytwo.yaml` (`rules.<id>.options`). */
  options?: RuleOptionDoc[];
  /** Kinds the rule judges, for readiness scores ("workload", "long-running" or kind names). */
  appliesTo?: 'workload' | 'long-running' | 'all' | string[];
  /** Reads other objects through the workspace index: re-run when the index changes. */
  crossResource?: boolean;
  /** Judges present values only, so it also runs on kustomize patches (partial objects). */
  runsOnPatches?: boolean;
  /** Peers with the same intent, for the docs (e.g. "kube-linter privileged-container"). */
  peers?: string[];
  /** Small manifests for the generated docs: one that fires, one that passes. */
  examples?: { bad: string; good: string };
}

export interface Report {
  /** Where: a path from the document root; the engine turns it into the exact range. */
  path: Path;
  /** Which part of the node at `path` to underline (default: the key). */
  target?: Target;
  /** What is wrong and why it matters, in one sentence, naming the object and container. */
  message: string;
  /** A severity other than the rule's default, where the rule's contract says so. */
  severity?: Severity;
  fix?: Fix;
}

export interface CheckContext {
  readonly object: K8sObject;
  readonly index: WorkspaceIndex;
  /** This rule's options from the configuration (already merged with nothing: read with defaults). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Target Kubernetes version, "1.35". */
  readonly kubernetesVersion: string;
  /** The object comes from a kustomize patch: it is partial. */
  readonly isPatch: boolean;
  report(r: Report): void;
}

export interface ObjectRule extends RuleMeta {
  check(ctx: CheckContext): void;
}

/** A rule about the YAML text itself rather than an object (yaml-syntax). */
export interface DocumentRule extends RuleMeta {
  checkDocument(errors: readonly ParseProblem[], report: (p: ParseProblem) => void): void;
}

export type Rule = ObjectRule | DocumentRule;

export function isObjectRule(r: Rule): r is ObjectRule {
  return 'check' in r;
}

/** Identity helper so rule modules are checked against the type without a cast. */
export function defineRule<R extends Rule>(rule: R): R {
  return rule;
}
