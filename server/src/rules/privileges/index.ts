/** The privileges rules, in catalog order. */
import type { Rule } from '../types';
import privilegedContainer from './privileged-container';
import privilegeEscalationAllowed from './privilege-escalation-allowed';
import runAsRoot from './run-as-root';
import capabilitiesAdded from './capabilities-added';
import capabilitiesNotDropped from './capabilities-not-dropped';
import hostNamespace from './host-namespace';
import hostPathVolume from './host-path-volume';
import hostPort from './host-port';
import writableRootFilesystem from './writable-root-filesystem';
import seccompProfile from './seccomp-profile';
import unsafeSysctl from './unsafe-sysctl';
import apparmorUnconfined from './apparmor-unconfined';
import selinuxCustom from './selinux-custom';
import procMountUnmasked from './proc-mount-unmasked';
import probeHostField from './probe-host-field';
import windowsHostProcess from './windows-host-process';
import volumeTypeRestricted from './volume-type-restricted';
import serviceAccountToken from './service-account-token';
import defaultServiceAccount from './default-service-account';
import imageTagMutable from './image-tag-mutable';
import secretInEnv from './secret-in-env';
import rbacWildcard from './rbac-wildcard';
import rbacClusterAdmin from './rbac-cluster-admin';
import rbacSecretsAccess from './rbac-secrets-access';
import namespacePodSecurity from './namespace-pod-security';

export const PRIVILEGES_RULES: Rule[] = [
  privilegedContainer,
  privilegeEscalationAllowed,
  runAsRoot,
  capabilitiesAdded,
  capabilitiesNotDropped,
  hostNamespace,
  hostPathVolume,
  hostPort,
  writableRootFilesystem,
  seccompProfile,
  unsafeSysctl,
  apparmorUnconfined,
  selinuxCustom,
  procMountUnmasked,
  probeHostField,
  windowsHostProcess,
  volumeTypeRestricted,
  serviceAccountToken,
  defaultServiceAccount,
  imageTagMutable,
  secretInEnv,
  rbacWildcard,
  rbacClusterAdmin,
  rbacSecretsAccess,
  namespacePodSecurity,
];
