import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { closest } from '../schema';

export const undefinedConfig: ComposeRule = {
  id: 'undefined-config',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A service config that is not declared under the top-level `configs:`.',
    why: 'A service can only mount configs that the top-level `configs:` key defines; Compose stops with "service refers to undefined config" otherwise.',
    example: 'services:\n  proxy:\n    image: nginx:1.27\n    configs:\n      - nginx_conf\n',
    fixedExample: 'services:\n  proxy:\n    image: nginx:1.27\n    configs:\n      - nginx_conf\nconfigs:\n  nginx_conf:\n    content: "events {}"\n',
  },
  check(context) {
    const project = composeProject(context);
    if (project.incomplete) return;
    const names = project.names('configs');
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const config of service.configs) {
        if (names.has(config.name) || config.name.includes('$')) continue;
        const suggestion = closest(config.name, [...names]);
        report(config.span ?? config.node, `Service '${service.name}' uses config '${config.name}', which is not declared under the top-level configs${suggestion ? `; did you mean '${suggestion}'?` : '.'}`);
      }
    }
  },
};
