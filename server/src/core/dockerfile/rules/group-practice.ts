import type { DockerfileRule } from '../rule';
import { addLocalFile } from './add-local-file';
import { apkAddCache } from './apk-add-cache';
import { aptGetInstallMissingYes } from './apt-get-install-missing-yes';
import { aptGetInstallRecommends } from './apt-get-install-recommends';
import { aptGetInstallWithoutUpdate } from './apt-get-install-without-update';
import { aptGetUpdateAlone } from './apt-get-update-alone';
import { aptInsteadOfAptGet } from './apt-instead-of-apt-get';
import { aptListsNotRemoved } from './apt-lists-not-removed';
import { binShRelinked } from './bin-sh-relinked';
import { cdInRun } from './cd-in-run';
import { copyFromLaterStage } from './copy-from-later-stage';
import { copyFromOwnStage } from './copy-from-own-stage';
import { copyFromUnknownStage } from './copy-from-unknown-stage';
import { copyMultipleSourcesToFile } from './copy-multiple-sources-to-file';
import { dnfInstallMissingYes } from './dnf-install-missing-yes';
import { envSelfReference } from './env-self-reference';
import { latestBaseImage } from './latest-base-image';
import { packageCacheNotCleaned } from './package-cache-not-cleaned';
import { packageUpgrade } from './package-upgrade';
import { pipInstallCache } from './pip-install-cache';
import { pipeWithoutPipefail } from './pipe-without-pipefail';
import { relativeCopyDestination } from './relative-copy-destination';
import { sudoInRun } from './sudo-in-run';
import { unpinnedPackage } from './unpinned-package';
import { untaggedBaseImage } from './untagged-base-image';
import { useraddHighUid } from './useradd-high-uid';
import { wgetAndCurl } from './wget-and-curl';
import { wgetProgressOutput } from './wget-progress-output';
import { yumInstallMissingYes } from './yum-install-missing-yes';
import { zypperMissingNonInteractive } from './zypper-missing-non-interactive';

/** Best practice, security and performance: hadolint, Trivy and Checkov's checks, and Dockhand's own. */
export const practiceRules: readonly DockerfileRule[] = [
  // Base images
  untaggedBaseImage,
  latestBaseImage,
  // COPY, ADD, ENV
  addLocalFile,
  copyFromOwnStage,
  copyFromLaterStage,
  copyFromUnknownStage,
  copyMultipleSourcesToFile,
  relativeCopyDestination,
  envSelfReference,
  // RUN: shell
  cdInRun,
  pipeWithoutPipefail,
  binShRelinked,
  sudoInRun,
  useraddHighUid,
  wgetAndCurl,
  wgetProgressOutput,
  // RUN: package managers
  aptInsteadOfAptGet,
  aptGetInstallMissingYes,
  aptGetInstallRecommends,
  aptListsNotRemoved,
  aptGetUpdateAlone,
  aptGetInstallWithoutUpdate,
  apkAddCache,
  pipInstallCache,
  yumInstallMissingYes,
  dnfInstallMissingYes,
  zypperMissingNonInteractive,
  packageCacheNotCleaned,
  packageUpgrade,
  unpinnedPackage,
];
