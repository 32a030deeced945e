import type { DockerfileRule } from '../rule';
import { maintainerDeprecated } from './maintainer-deprecated';
import { shellFormCommand } from './shell-form-command';
import { untaggedBaseImage } from './untagged-base-image';

export const dockerfileRules: readonly DockerfileRule[] = [untaggedBaseImage, shellFormCommand, maintainerDeprecated];
