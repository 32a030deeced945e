import type { ComposeRule } from '../rule';
import { circularDependency } from './circular-dependency';
import { circularExtends } from './circular-extends';
import { circularInclude } from './circular-include';
import { conflictingDockerfileSources } from './conflicting-dockerfile-sources';
import { containerNameWithReplicas } from './container-name-with-replicas';
import { dangerousCapability } from './dangerous-capability';
import { databasePortExposed } from './database-port-exposed';
import { decimalFileMode } from './decimal-file-mode';
import { dockerSocketMount } from './docker-socket-mount';
import { duplicateContainerName } from './duplicate-container-name';
import { duplicateHostPort } from './duplicate-host-port';
import { duplicateMountTarget } from './duplicate-mount-target';
import { hardcodedSecret } from './hardcoded-secret';
import { healthyConditionWithoutHealthcheck } from './healthy-condition-without-healthcheck';
import { hostNamespace } from './host-namespace';
import { invalidInterpolation } from './invalid-interpolation';
import { missingBuildContext } from './missing-build-context';
import { missingDockerfile } from './missing-dockerfile';
import { missingEnvFile } from './missing-env-file';
import { missingImageAndBuild } from './missing-image-and-build';
import { serviceWithoutInit } from './service-without-init';
import { missingSecretFile } from './missing-secret-file';
import { networkModeWithNetworks } from './network-mode-with-networks';
import { obsoleteVersion } from './obsolete-version';
import { privilegedService } from './privileged-service';
import { rootUser } from './root-user';
import { schemaViolation } from './schema-violation';
import { secretBuildArg } from './secret-build-arg';
import { selfDependency } from './self-dependency';
import { sensitiveHostMount } from './sensitive-host-mount';
import { unconfinedSecurityProfile } from './unconfined-security-profile';
import { undeclaredBuildArg } from './undeclared-build-arg';
import { undefinedConfig } from './undefined-config';
import { undefinedExtendsService } from './undefined-extends-service';
import { undefinedNetwork } from './undefined-network';
import { undefinedNetworkModeService } from './undefined-network-mode-service';
import { undefinedSecret } from './undefined-secret';
import { undefinedServiceDependency } from './undefined-service-dependency';
import { unsetInterpolationVariable } from './unset-interpolation-variable';
import { undefinedVolume } from './undefined-volume';
import { undefinedVolumesFromService } from './undefined-volumes-from-service';
import { unexposedPublishedPort } from './unexposed-published-port';
import { unknownBuildTarget } from './unknown-build-target';
import { unquotedPortMapping } from './unquoted-port-mapping';
import { untaggedServiceImage } from './untagged-service-image';
import { unusedConfig } from './unused-config';
import { unusedNetwork } from './unused-network';
import { unusedSecret } from './unused-secret';
import { unusedVolume } from './unused-volume';
import { yamlSyntax } from './yaml-syntax';

/** Compose rules: syntax and schema, references, validity, security, then links to Dockerfiles. */
export const composeRules: readonly ComposeRule[] = [
  yamlSyntax,
  schemaViolation,
  obsoleteVersion,
  invalidInterpolation,
  unsetInterpolationVariable,
  unquotedPortMapping,
  decimalFileMode,
  undefinedServiceDependency,
  selfDependency,
  circularDependency,
  healthyConditionWithoutHealthcheck,
  undefinedNetwork,
  undefinedVolume,
  undefinedSecret,
  undefinedConfig,
  undefinedExtendsService,
  circularExtends,
  circularInclude,
  undefinedNetworkModeService,
  undefinedVolumesFromService,
  unusedNetwork,
  unusedVolume,
  unusedSecret,
  unusedConfig,
  missingImageAndBuild,
  conflictingDockerfileSources,
  networkModeWithNetworks,
  containerNameWithReplicas,
  duplicateContainerName,
  duplicateHostPort,
  duplicateMountTarget,
  missingEnvFile,
  missingSecretFile,
  dockerSocketMount,
  sensitiveHostMount,
  privilegedService,
  dangerousCapability,
  hostNamespace,
  unconfinedSecurityProfile,
  hardcodedSecret,
  secretBuildArg,
  databasePortExposed,
  rootUser,
  untaggedServiceImage,
  unknownBuildTarget,
  undeclaredBuildArg,
  missingBuildContext,
  missingDockerfile,
  unexposedPublishedPort,
  serviceWithoutInit,
];
