import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { closest } from '../schema';

export const undefinedSecret: ComposeRule = {
  id: 'undefined-secret',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A service secret or `build.secrets` entry that is not declared under the top-level `secrets:`.',
    why:
      'A service can only use secrets that the top-level `secrets:` key defines (from a `file` or an `environment` ' +
      'variable); Compose stops with "service refers to undefined secret" otherwise.',
    example: 'services:\n  db:\n    image: postgres:17\n    secrets:\n      - db_password\n',
    fixedExample: 'services:\n  db:\n    image: postgres:17\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    environment: DB_PASSWORD\n',
  },
  check(context) {
    const project = composeProject(context);
    if (project.incomplete) return;
    const names = project.names('secrets');
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const secret of [...service.secrets, ...(service.build?.secrets ?? [])]) {
        if (names.has(secret.name) || secret.name.includes('$')) continue;
        const suggestion = closest(secret.name, [...names]);
        report(secret.span ?? secret.node, `Service '${service.name}' uses secret '${secret.name}', which is not declared under the top-level secrets${suggestion ? `; did you mean '${suggestion}'?` : '.'}`);
      }
    }
  },
};
