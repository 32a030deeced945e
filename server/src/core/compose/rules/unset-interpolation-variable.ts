import type { LocatedReference } from '../model';
import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

/** Variables Compose itself provides for interpolation. */
const provided = new Set(['COMPOSE_PROJECT_NAME']);

export const unsetInterpolationVariable: ComposeRule = {
  id: 'unset-interpolation-variable',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `${VAR}` (or `$VAR`, `${VAR:?error}`) with no default whose variable the project\'s `.env` file does not set. Only checked when the project has a `.env`.',
    why:
      'Compose takes interpolation values from the shell and from the `.env` file in the project folder. When neither sets ' +
      'the variable, Compose warns and substitutes an empty string, which turns `image: "app:${TAG}"` into `app:` and a ' +
      'port into nothing. In this example the `.env` beside the file sets only `TAG`. Note that `env_file:` does not help: it ' +
      "sets variables inside the container, not for interpolation of the compose file. Set the variable in `.env`, or give " +
      'a default with `${VAR:-default}`.',
    example: 'services:\n  web:\n    image: "nginx:${NGINX_TAG}"\n',
    fixedExample: 'services:\n  web:\n    image: "nginx:${NGINX_TAG:-1.27}"\n',
  },
  check(context) {
    const project = composeProject(context);
    const dotenv = project.dotenv;
    if (!dotenv) return;
    const report = reporter(context);
    // Only the references Compose evaluates: a default is used when the variable is unset, an alternative when it is set.
    const stack: LocatedReference[] = [...context.model.interpolation.roots];
    while (stack.length > 0) {
      const reference = stack.pop()!;
      const known = dotenv.has(reference.name) || provided.has(reference.name);
      const nested = reference.nested as LocatedReference[];
      switch (reference.operator) {
        case ':-':
        case '-':
          if (!known) stack.push(...nested);
          break;
        case ':+':
        case '+':
          if (known) stack.push(...nested);
          break;
        default:
          if (!known) {
            const required = reference.operator !== undefined;
            report(
              [reference.nameStart, reference.nameEnd],
              required
                ? `'${reference.name}' is required here but .env does not set it: Compose stops unless the shell sets it.`
                : `'${reference.name}' is not set in .env and has no default: Compose substitutes an empty string unless the shell sets it (env_file only sets variables inside the container).`,
            );
          }
      }
    }
  },
};
