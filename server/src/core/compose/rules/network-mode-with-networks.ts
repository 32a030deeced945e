import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';

export const networkModeWithNetworks: ComposeRule = {
  id: 'network-mode-with-networks',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A service that sets both `network_mode` and `networks`.',
    why:
      '`network_mode` (`host`, `none`, `service:NAME`, `container:NAME`) replaces the service\'s networking, so it ' +
      'cannot also join networks; Compose rejects the combination as mutually exclusive.',
    example: 'services:\n  app:\n    image: alpine:3.20\n    network_mode: none\n    networks:\n      - default\n',
    fixedExample: 'services:\n  app:\n    image: alpine:3.20\n    network_mode: none\n',
  },
  check(context) {
    const report = reporter(context);
    for (const service of context.model.services) {
      const networks = service.get('networks');
      if (!service.networkMode || !networks) continue;
      report(networks.keyNode, `Service '${service.name}' sets network_mode '${service.networkMode.text}', so it cannot also list networks.`);
    }
  },
};
