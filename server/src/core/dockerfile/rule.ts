import type { Rule } from '../rules/rule';
import type { DockerfileModel } from './model';

export type DockerfileRule = Rule<DockerfileModel> & { language: 'dockerfile' };
