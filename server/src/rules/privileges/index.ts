/** The privileges rules, in catalog order. */
import type { Rule } from '../types';
import privilegedContainer from './privileged-container';
import runAsRoot from './run-as-root';

export const PRIVILEGES_RULES: Rule[] = [privilegedContainer, runAsRoot];
