import type { DockerfileRule } from '../rule';
import { untaggedBaseImage } from './untagged-base-image';

/** Best practice, security and performance: hadolint, Trivy and Checkov's checks, and Dockhand's own. */
export const practiceRules: readonly DockerfileRule[] = [untaggedBaseImage];
