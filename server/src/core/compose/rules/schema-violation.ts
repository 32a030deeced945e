import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { validateSchema } from '../schema';

export const schemaViolation: ComposeRule = {
  id: 'schema-violation',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A key or value that the Compose Specification does not allow: an unknown or misspelled key, a wrong type, a value outside its allowed set.',
    why:
      'Compose validates every file against the Compose Specification schema and refuses to start when it fails, ' +
      'often with a message that names a JSON path rather than your line. Dockhand validates against the same schema ' +
      'and points at the key or value, with a "did you mean" for misspelled keys. Values that hold `${VARIABLES}` are ' +
      'checked after substitution with the values known from `.env`, and accepted when they depend on the shell.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    enviroment:\n      LOG_LEVEL: info\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      LOG_LEVEL: info\n',
  },
  check(context) {
    const report = reporter(context);
    for (const problem of validateSchema(context.model, composeProject(context).lookup)) report(problem.span, problem.message);
  },
};
