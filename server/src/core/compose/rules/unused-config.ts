import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const unusedConfig: ComposeRule = {
  id: 'unused-config',
  language: 'compose',
  category: 'best-practice',
  defaultSeverity: 'info',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A top-level config that no service mounts.',
    why: 'A config that no service mounts is dead configuration: the file the service reads is then the one baked into its image, not this one.',
    example: 'services:\n  proxy:\n    image: nginx:1.27\nconfigs:\n  nginx_conf:\n    content: "events {}"\n',
    fixedExample: 'services:\n  proxy:\n    image: nginx:1.27\n    configs:\n      - nginx_conf\nconfigs:\n  nginx_conf:\n    content: "events {}"\n',
  },
  check(context) {
    const project = composeProject(context);
    if (project.incomplete) return;
    const used = project.uses('configs');
    const report = reporter(context);
    for (const resource of context.model.resources('configs')) {
      if (used.has(resource.name)) continue;
      report(resource.keyNode, `Config '${resource.name}' is declared but no service uses it.`);
    }
  },
};
