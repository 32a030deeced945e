import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { closest } from '../schema';

export const undefinedServiceDependency: ComposeRule = {
  id: 'undefined-service-dependency',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `depends_on` entry that names a service the project does not define.',
    why:
      'Compose refuses to start a project whose `depends_on` points at an unknown service ("depends on undefined service"). ' +
      'It is usually a typo or a service that was renamed. Services from `include`d files and from `compose.override.yaml` ' +
      'count as defined.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - databse\n  database:\n    image: postgres:17\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - database\n  database:\n    image: postgres:17\n',
  },
  check(context) {
    const project = composeProject(context);
    if (project.incomplete) return;
    const names = project.names('services');
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const dependency of service.dependsOn) {
        if (names.has(dependency.name) || !dependency.required) continue;
        const suggestion = closest(dependency.name, [...names]);
        report(dependency.span ?? dependency.node, `Service '${service.name}' depends on '${dependency.name}', which is not defined${suggestion ? `; did you mean '${suggestion}'?` : '.'}`);
      }
    }
  },
};
