/**
 * Field descriptions for hovers, from the OpenAPI spec. Placeholder-free: until the generated schema
 * descriptions are wired in (schema/generated), this returns nothing rather than guessing.
 */

import type { Document } from 'yaml';
import type { K8sObject } from '../engine/object';

export function describeFieldAt(_obj: K8sObject, _doc: Document, _offset: number): string | undefined {
  return undefined;
}
