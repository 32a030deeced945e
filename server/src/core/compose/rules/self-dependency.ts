import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';

export const selfDependency: ComposeRule = {
  id: 'self-dependency',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A service that lists itself in its own `depends_on`.',
    why: 'A service cannot wait for itself to start: Compose rejects the project with a dependency cycle. Remove the entry.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - web\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n',
  },
  check(context) {
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const dependency of service.dependsOn) {
        if (dependency.name === service.name) report(dependency.span ?? dependency.node, `Service '${service.name}' depends on itself; Compose cannot start it.`);
      }
    }
  },
};
