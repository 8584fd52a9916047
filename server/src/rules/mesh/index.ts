/** The service-mesh rules, in catalog order. */
import type { Rule } from '../types';
import meshAnnotationMisplaced from './mesh-annotation-misplaced';
import meshAnnotationUnknown from './mesh-annotation-unknown';
import meshAnnotationValue from './mesh-annotation-value';
import meshAnnotationDeprecated from './mesh-annotation-deprecated';
import meshInjectionConflict from './mesh-injection-conflict';
import meshHostNetwork from './mesh-host-network';
import meshJobSidecar from './mesh-job-sidecar';
import meshPortName from './mesh-port-name';
import meshOpaquePort from './mesh-opaque-port';
import smiTrafficSplit from './smi-traffic-split';

export const MESH_RULES: Rule[] = [
  meshAnnotationMisplaced,
  meshAnnotationUnknown,
  meshAnnotationValue,
  meshAnnotationDeprecated,
  meshInjectionConflict,
  meshHostNetwork,
  meshJobSidecar,
  meshPortName,
  meshOpaquePort,
  smiTrafficSplit,
];
