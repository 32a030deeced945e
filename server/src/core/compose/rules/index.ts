import type { ComposeRule } from '../rule';
import { obsoleteVersion } from './obsolete-version';
import { yamlSyntax } from './yaml-syntax';

export const composeRules: readonly ComposeRule[] = [yamlSyntax, obsoleteVersion];
