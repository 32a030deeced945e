import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { subSpan, isScalar } from '../yaml-tree';

export const undefinedNetworkModeService: ComposeRule = {
  id: 'undefined-network-mode-service',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: '`network_mode: service:NAME` where NAME is not a service of the project.',
    why:
      '`network_mode: service:NAME` runs the container in the network stack of another service of the same project, ' +
      'which must exist. To join a container started outside the project, write `container:NAME`.',
    example: 'services:\n  vpn:\n    image: qmcgaw/gluetun:v3\n  client:\n    image: alpine:3.20\n    network_mode: service:vnp\n',
    fixedExample: 'services:\n  vpn:\n    image: qmcgaw/gluetun:v3\n  client:\n    image: alpine:3.20\n    network_mode: service:vpn\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    if (project.incomplete) return;
    const names = project.names('services');
    const report = reporter(context);
    for (const service of model.services) {
      const mode = service.networkMode;
      if (!mode || mode.interpolated || !mode.text.startsWith('service:')) continue;
      const name = mode.text.slice('service:'.length);
      if (names.has(name)) continue;
      const span = isScalar(mode.node) ? subSpan(mode.node, model.text, 'service:'.length, mode.text.length) : undefined;
      report(span ?? mode.node, `Service '${service.name}' uses the network of service '${name}', which is not defined (for a container outside the project, write 'container:${name}').`);
    }
  },
};
