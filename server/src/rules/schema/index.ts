/** The schema rules, in catalog order. */
import type { Rule } from '../types';
import yamlSyntax from './yaml-syntax';
import schemaInvalid from './schema-invalid';
import unknownKind from './unknown-kind';
import deprecatedApi from './deprecated-api';
import selectorMismatch from './selector-mismatch';
import fileSkipped from './file-skipped';

export const SCHEMA_RULES: Rule[] = [yamlSyntax, schemaInvalid, unknownKind, deprecatedApi, selectorMismatch, fileSkipped];
