import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';

export const invalidInterpolation: ComposeRule = {
  id: 'invalid-interpolation',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `${...}` that is not a valid variable reference: `${}`, `${VAR` without its brace, a modifier Compose does not know (`${VAR:default}`), or shell syntax such as `${#LIST[@]}`.',
    why:
      'Compose substitutes variables in every value before it reads the file, and stops with "invalid interpolation ' +
      'format" when one is malformed. The forms it knows are `${VAR}`, `${VAR:-default}`, `${VAR-default}`, ' +
      '`${VAR:?error}`, `${VAR?error}`, `${VAR:+alternative}` and `${VAR+alternative}`. A `$` meant for the shell of a ' +
      '`command` or `healthcheck` is written `$$`.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      LISTEN: "${HOST:localhost}:8080"\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      LISTEN: "${HOST:-localhost}:8080"\n',
  },
  check(context) {
    const report = reporter(context);
    const { model } = context;
    // A malformed expression may run to the end of a line of a block scalar: keep the range on its first line.
    for (const problem of model.interpolation.problems) report(model.firstLine(problem.start, Math.max(problem.end, problem.start + 1)), `${problem.message}.`);
  },
};
