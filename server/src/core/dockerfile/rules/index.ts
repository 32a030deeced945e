import type { DockerfileRule } from '../rule';
import { buildkitRules } from './group-buildkit';
import { practiceRules } from './group-practice';
import { securityRules } from './group-security';
import { syntaxRules } from './group-syntax';
import { undefinedVariable } from './undefined-variable';

export const dockerfileRules: readonly DockerfileRule[] = [...syntaxRules, ...buildkitRules, undefinedVariable, ...practiceRules, ...securityRules];
