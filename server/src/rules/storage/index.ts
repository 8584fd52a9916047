/** The storage rules, in catalog order. */
import type { Rule } from '../types';
import volumeMountMissing from './volume-mount-missing';
import volumeUnused from './volume-unused';
import pvcSharedRwo from './pvc-shared-rwo';
import statefulDeployment from './stateful-deployment';
import statefulsetEphemeralData from './statefulset-ephemeral-data';
import volumeClaimTemplateInvalid from './volume-claim-template-invalid';
import rwoRollingUpdate from './rwo-rolling-update';
import statefulsetService from './statefulset-service';
import pvcNotFound from './pvc-not-found';
import pvcStorageClass from './pvc-storage-class';
import emptydirSizeLimit from './emptydir-size-limit';
import accessModeUnsupported from './access-mode-unsupported';
import reclaimPolicyDelete from './reclaim-policy-delete';
import backupMissing from './backup-missing';

export const STORAGE_RULES: Rule[] = [
  volumeMountMissing,
  volumeUnused,
  pvcSharedRwo,
  statefulDeployment,
  statefulsetEphemeralData,
  volumeClaimTemplateInvalid,
  rwoRollingUpdate,
  statefulsetService,
  pvcNotFound,
  pvcStorageClass,
  emptydirSizeLimit,
  accessModeUnsupported,
  reclaimPolicyDelete,
  backupMissing,
];
