import { composeRules } from '../compose/rules';
import { dockerfileRules } from '../dockerfile/rules';
import { fileTooLarge } from './file-too-large';
import type { RuleMeta } from './rule';

/** Every rule, Dockerfile rules first, each group in registration order; then the analysis's own. */
export const allRules: readonly RuleMeta[] = [...dockerfileRules, ...composeRules, fileTooLarge];

const byId = new Map(allRules.map((rule) => [rule.id, rule]));

export function findRule(id: string): RuleMeta | undefined {
  return byId.get(id);
}
