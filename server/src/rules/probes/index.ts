/** The probes rules, in catalog order. */
import type { Rule } from '../types';
import readinessProbeMissing from './readiness-probe-missing';
import livenessProbeMissing from './liveness-probe-missing';
import livenessEqualsReadiness from './liveness-equals-readiness';
import probePortUnknown from './probe-port-unknown';
import probeTiming from './probe-timing';
import probeOnJob from './probe-on-job';

export const PROBES_RULES: Rule[] = [readinessProbeMissing, livenessProbeMissing, livenessEqualsReadiness, probePortUnknown, probeTiming, probeOnJob];
