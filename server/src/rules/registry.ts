/**
 * The one list of Daytwo's rules. A rule lives in `rules/<category>/<id>.ts`; add it here to ship it.
 * The catalog test checks this list against the contract in the spec and the generated docs.
 */

import type { Rule } from './types';

import yamlSyntax from './schema/yaml-syntax';
import fileSkipped from './schema/file-skipped';

import privilegedContainer from './privileges/privileged-container';
import runAsRoot from './privileges/run-as-root';

import readinessProbeMissing from './probes/readiness-probe-missing';

export const RULES: readonly Rule[] = [
  // schema
  yamlSyntax,
  fileSkipped,
  // privileges
  privilegedContainer,
  runAsRoot,
  // storage
  // probes
  readinessProbeMissing,
  // mesh
  // resources
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/** Where a rule's documentation lives; also the diagnostic's codeDescription.href. */
export const DOCS_BASE = 'https://github.com/daytwo-dev/daytwo/blob/main/docs/rules/';
export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
