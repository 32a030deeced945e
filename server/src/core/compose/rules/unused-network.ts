import type { ComposeRule } from '../rule';
import { reportUnused } from '../rule-helpers';

export const unusedNetwork: ComposeRule = {
  id: 'unused-network',
  language: 'compose',
  category: 'best-practice',
  defaultSeverity: 'info',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A top-level network that no service joins.',
    why: 'A network that no service joins is never created, or is created for nothing: it is dead configuration, often left behind by a rename (the service then silently joins `default` instead). The `default` network is exempt: declaring it configures the network every service joins by default.',
    example: 'services:\n  web:\n    image: nginx:1.27\nnetworks:\n  backend: {}\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    networks:\n      - backend\nnetworks:\n  backend: {}\n',
  },
  check(context) {
    reportUnused(context, 'networks', 'Network', (name) => name === 'default');
  },
};
