/** The storage rules, in catalog order. */
import type { Rule } from '../types';

export const STORAGE_RULES: Rule[] = [];
