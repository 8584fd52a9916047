/**
 * The one list of Daytwo's rules. A rule lives in `rules/<category>/<id>.ts` and is listed in its
 * category's `index.ts`. The catalog test checks this list against the contract and the docs.
 */

import type { Rule } from './types';
import { SCHEMA_RULES } from './schema';
import { PRIVILEGES_RULES } from './privileges';
import { STORAGE_RULES } from './storage';
import { PROBES_RULES } from './probes';
import { MESH_RULES } from './mesh';
import { RESOURCES_RULES } from './resources';

export const RULES: readonly Rule[] = [...SCHEMA_RULES, ...PRIVILEGES_RULES, ...STORAGE_RULES, ...PROBES_RULES, ...MESH_RULES, ...RESOURCES_RULES];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

const BY_ID = new Map(RULES.map((r) => [r.id, r]));
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Where a rule's documentation lives; also the diagnostic's codeDescription.href. */
export const DOCS_BASE = 'https://github.com/daytwo-dev/daytwo/blob/main/docs/rules/';
export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
