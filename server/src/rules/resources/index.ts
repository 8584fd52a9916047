/** The resources and governance rules, in catalog order. */
import type { Rule } from '../types';

export const RESOURCES_RULES: Rule[] = [];
