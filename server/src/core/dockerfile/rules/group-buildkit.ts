import type { DockerfileRule } from '../rule';
import { maintainerDeprecated } from './maintainer-deprecated';
import { shellFormCommand } from './shell-form-command';

/** BuildKit's documented build checks (`docker build --check`), offline. */
export const buildkitRules: readonly DockerfileRule[] = [shellFormCommand, maintainerDeprecated];
