/** The resources and governance rules, in catalog order. */
import type { Rule } from '../types';
import resourcesRequestsMissing from './resources-requests-missing';
import resourcesLimitsMissing from './resources-limits-missing';
import limitsBelowRequests from './limits-below-requests';
import replicasSingle from './replicas-single';
import pdbMissing from './pdb-missing';
import antiAffinityMissing from './anti-affinity-missing';
import labelsRecommended from './labels-recommended';
import namespaceUnset from './namespace-unset';
import serviceSelectorNoMatch from './service-selector-no-match';
import runtimeClassUnknown from './runtime-class-unknown';

export const RESOURCES_RULES: Rule[] = [
  resourcesRequestsMissing,
  resourcesLimitsMissing,
  limitsBelowRequests,
  replicasSingle,
  pdbMissing,
  antiAffinityMissing,
  labelsRecommended,
  namespaceUnset,
  serviceSelectorNoMatch,
  runtimeClassUnknown,
];
