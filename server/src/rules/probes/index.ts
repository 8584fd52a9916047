/** The probes rules, in catalog order. */
import type { Rule } from '../types';
import readinessProbeMissing from './readiness-probe-missing';

export const PROBES_RULES: Rule[] = [readinessProbeMissing];
