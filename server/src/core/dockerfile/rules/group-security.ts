import type { DockerfileRule } from '../rule';
import { contextCopiedBeforeInstall } from './context-copied-before-install';
import { copyIgnoredFile } from './copy-ignored-file';
import { downloadPipedToShell } from './download-piped-to-shell';
import { fileRemovedInLaterLayer } from './file-removed-in-later-layer';
import { finalStageKeepsToolchain } from './final-stage-keeps-toolchain';
import { globalArgNotRedeclared } from './global-arg-not-redeclared';
import { imageRunsAsRoot } from './image-runs-as-root';
import { missingDockerignore } from './missing-dockerignore';
import { passwordInRun } from './password-in-run';
import { pid1WithoutInit } from './pid1-without-init';
import { remoteAddWithoutChecksum } from './remote-add-without-checksum';
import { secretValue } from './secret-value';
import { sshExposed } from './ssh-exposed';
import { systemWorkdir } from './system-workdir';
import { tlsVerificationDisabled } from './tls-verification-disabled';
import { unauthenticatedPackages } from './unauthenticated-packages';

/** Security: what Trivy, Checkov and KICS flag, and what the knowledge base warns about. */
export const securityRules: readonly DockerfileRule[] = [
  imageRunsAsRoot,
  secretValue,
  sshExposed,
  tlsVerificationDisabled,
  unauthenticatedPackages,
  passwordInRun,
  systemWorkdir,
  remoteAddWithoutChecksum,
  downloadPipedToShell,
  finalStageKeepsToolchain,
  contextCopiedBeforeInstall,
  globalArgNotRedeclared,
  fileRemovedInLaterLayer,
  pid1WithoutInit,
  missingDockerignore,
  copyIgnoredFile,
];
