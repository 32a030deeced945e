import type { Rule } from '../rules/rule';
import type { ComposeModel } from './model';

export type ComposeRule = Rule<ComposeModel> & { language: 'compose' };
