/** The service-mesh rules, in catalog order. */
import type { Rule } from '../types';

export const MESH_RULES: Rule[] = [];
