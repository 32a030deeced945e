import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const missingEnvFile: ComposeRule = {
  id: 'missing-env-file',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'An `env_file` that does not exist (unless it is marked `required: false`).',
    why:
      '`env_file` loads variables into the container\'s environment, and Compose stops when a required file is missing. ' +
      'It is not the `.env` file: `.env` in the project folder feeds `${VAR}` interpolation of the compose file itself, ' +
      'while `env_file` only feeds the container. Paths are relative to the compose file. For an optional file, use the ' +
      'long form with `required: false`.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    env_file: ./web.env\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    env_file:\n      - path: ./web.env\n        required: false\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const envFile of service.envFiles) {
        if (!envFile.required) continue;
        const path = project.resolvePath(envFile.path);
        if (path === undefined || project.fileExists(path)) continue;
        report(envFile.node, `env_file '${envFile.path}' of service '${service.name}' does not exist (${project.display(path)}), so Compose stops; mark it 'required: false' if it is optional.`);
      }
    }
  },
};
