/** The schema rules, in catalog order. */
import type { Rule } from '../types';
import yamlSyntax from './yaml-syntax';
import fileSkipped from './file-skipped';

export const SCHEMA_RULES: Rule[] = [yamlSyntax, fileSkipped];
