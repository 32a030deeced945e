import type { ComposeRule } from '../rule';
import { reportUnused } from '../rule-helpers';

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
    reportUnused(context, 'configs', 'Config');
  },
};
